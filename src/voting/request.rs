//! The voting API's requests, parsed without a network: which route a
//! request names, what a vote's body says, which device a cookie names, and
//! the state a device is shown. The server (`server.rs`) only moves bytes.

use serde::Deserialize;

use super::room::DeviceView;
use crate::workshop::Answer;

/// The cookie that identifies a device: random, set by the server.
pub const DEVICE_COOKIE: &str = "mwvote";

/// Where a request goes, once its token was checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Page,
    State,
    Vote,
    /// Right token, wrong method for the path.
    WrongMethod,
    /// Anything else, a wrong or missing token among it: 404 and nothing else.
    NotFound,
}

/// Routes `GET /v/TOKEN`, `GET /v/TOKEN/state` and `POST /v/TOKEN/vote`.
/// A query string is ignored.
pub fn route(method: &str, url: &str, token: &str) -> Route {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(rest) = path.strip_prefix("/v/") else { return Route::NotFound };
    let (given, tail) = rest.split_once('/').map_or((rest, ""), |(t, tail)| (t, tail));
    if !same_token(given, token) {
        return Route::NotFound;
    }
    let (route, method_ok) = match tail {
        "" => (Route::Page, method == "GET" || method == "HEAD"),
        "state" => (Route::State, method == "GET" || method == "HEAD"),
        "vote" => (Route::Vote, method == "POST"),
        _ => return Route::NotFound,
    };
    if method_ok { route } else { Route::WrongMethod }
}

/// Compares without stopping at the first difference, so the time taken
/// tells nothing about how much of a guess was right.
fn same_token(given: &str, token: &str) -> bool {
    let (a, b) = (given.as_bytes(), token.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A vote as the page (or any client) sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoteForm {
    pub indicator: String,
    pub answer: Answer,
}

/// Why a vote's body was refused (400).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadVote {
    #[error("the body is not UTF-8")]
    NotText,
    #[error("the body is neither a form nor a JSON object")]
    Malformed,
    #[error("no indicator given")]
    NoIndicator,
    #[error("answer must be one of yes, partly, no, na")]
    BadAnswer,
}

pub fn parse_answer(text: &str) -> Option<Answer> {
    match text {
        "yes" => Some(Answer::Yes),
        "partly" => Some(Answer::Partly),
        "no" => Some(Answer::No),
        "na" => Some(Answer::NotApplicable),
        _ => None,
    }
}

pub fn answer_word(answer: Answer) -> &'static str {
    match answer {
        Answer::Yes => "yes",
        Answer::Partly => "partly",
        Answer::No => "no",
        Answer::NotApplicable => "na",
    }
}

#[derive(Deserialize)]
struct JsonVote {
    indicator: String,
    answer: String,
}

/// Reads `indicator=ID&answer=ANSWER` (form encoded) or the same as a JSON
/// object. JSON is recognised by its content type or a leading `{`.
pub fn parse_vote(content_type: Option<&str>, body: &[u8]) -> Result<VoteForm, BadVote> {
    let text = std::str::from_utf8(body).map_err(|_| BadVote::NotText)?;
    let is_json = content_type.is_some_and(|t| t.trim_start().starts_with("application/json"))
        || text.trim_start().starts_with('{');
    let (indicator, answer) = if is_json {
        let vote: JsonVote = serde_json::from_str(text).map_err(|_| BadVote::Malformed)?;
        (vote.indicator, vote.answer)
    } else {
        let mut indicator = None;
        let mut answer = None;
        for pair in text.trim().split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').ok_or(BadVote::Malformed)?;
            let value = form_decode(value).ok_or(BadVote::Malformed)?;
            match key {
                "indicator" => indicator = Some(value),
                "answer" => answer = Some(value),
                _ => {}
            }
        }
        (indicator.unwrap_or_default(), answer.unwrap_or_default())
    };
    if indicator.is_empty() {
        return Err(BadVote::NoIndicator);
    }
    let answer = parse_answer(&answer).ok_or(BadVote::BadAnswer)?;
    Ok(VoteForm { indicator, answer })
}

/// `application/x-www-form-urlencoded` value: `+` is a space, `%XX` a byte.
fn form_decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// The device cookie's value in a `Cookie` header, if it looks like one
/// the server made (32 hex digits); anything else is no cookie.
pub fn device_cookie(header: &str) -> Option<&str> {
    header.split(';').map(str::trim).find_map(|pair| {
        let value = pair.strip_prefix(DEVICE_COOKIE)?.strip_prefix('=')?;
        (value.len() == 32 && value.bytes().all(|b| b.is_ascii_hexdigit())).then_some(value)
    })
}

/// The `GET /v/TOKEN/state` object.
pub fn state_json(view: &DeviceView) -> String {
    let spread = view
        .spread
        .map(|s| serde_json::json!({ "yes": s.yes, "partly": s.partly, "no": s.no, "na": s.not_applicable }));
    serde_json::json!({
        "indicator": view.focus.as_ref().map(|f| f.indicator_id.as_str()),
        "statement": view.focus.as_ref().map(|f| f.statement.as_str()),
        "open": view.open,
        "revealed": view.revealed,
        "spread": spread,
        "devices": view.devices,
        "vote": view.vote.map(answer_word),
    })
    .to_string()
}

/// `--vote-bind ADDR[:PORT]`: an address with or without a port (`[::1]`
/// for IPv6 with one); no port, or 0, means a free one.
pub fn parse_bind(text: &str) -> Result<std::net::SocketAddr, String> {
    use std::net::{IpAddr, SocketAddr};
    if let Ok(address) = text.parse::<SocketAddr>() {
        return Ok(address);
    }
    let bare = text.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<IpAddr>()
        .map(|ip| SocketAddr::new(ip, 0))
        .map_err(|_| format!("'{text}' is not an address, ADDR or ADDR:PORT (like 192.168.1.20:8080)"))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const TOKEN: &str = "abcdefghijklmnopqrstuvwxyz";

    #[test]
    fn routes_need_the_exact_token() {
        assert_eq!(route("GET", &format!("/v/{TOKEN}"), TOKEN), Route::Page);
        assert_eq!(route("GET", &format!("/v/{TOKEN}/state?t=1"), TOKEN), Route::State);
        assert_eq!(route("POST", &format!("/v/{TOKEN}/vote"), TOKEN), Route::Vote);
        assert_eq!(route("GET", &format!("/v/{TOKEN}/vote"), TOKEN), Route::WrongMethod);
        assert_eq!(route("GET", "/v/abcdefghijklmnopqrstuvwxyZ", TOKEN), Route::NotFound);
        assert_eq!(route("GET", "/v/", TOKEN), Route::NotFound);
        assert_eq!(route("GET", "/", TOKEN), Route::NotFound);
        assert_eq!(route("POST", "/v/x/vote", TOKEN), Route::NotFound);
        assert_eq!(route("GET", &format!("/v/{TOKEN}/other"), TOKEN), Route::NotFound);
        assert_eq!(route("GET", &format!("/v/{TOKEN}x"), TOKEN), Route::NotFound);
    }

    #[test]
    fn votes_come_as_forms_or_json() {
        let expected = VoteForm { indicator: "ci-1".into(), answer: Answer::Partly };
        assert_eq!(parse_vote(None, b"indicator=ci-1&answer=partly"), Ok(expected.clone()));
        assert_eq!(parse_vote(None, b"answer=partly&indicator=ci%2D1&x=y"), Ok(expected.clone()));
        let json = br#"{"indicator":"ci-1","answer":"partly"}"#;
        assert_eq!(parse_vote(Some("application/json"), json), Ok(expected.clone()));
        assert_eq!(parse_vote(None, json), Ok(expected));
        assert_eq!(parse_vote(None, b"indicator=ci-1&answer=maybe"), Err(BadVote::BadAnswer));
        assert_eq!(parse_vote(None, b"indicator=ci-1&answer=YES"), Err(BadVote::BadAnswer));
        assert_eq!(parse_vote(None, b"answer=yes"), Err(BadVote::NoIndicator));
        assert_eq!(parse_vote(None, b"indicator=%zz&answer=yes"), Err(BadVote::Malformed));
        assert_eq!(parse_vote(None, b"garbage"), Err(BadVote::Malformed));
        assert_eq!(parse_vote(None, b"{\"indicator\": 3}"), Err(BadVote::Malformed));
        assert_eq!(parse_vote(None, &[0xff, 0xfe]), Err(BadVote::NotText));
    }

    #[test]
    fn only_a_server_made_cookie_names_a_device() {
        let good = "0123456789abcdef0123456789abcdef";
        assert_eq!(device_cookie(&format!("a=b; {DEVICE_COOKIE}={good}")), Some(good));
        assert_eq!(device_cookie(&format!("{DEVICE_COOKIE}=short")), None);
        assert_eq!(device_cookie(&format!("{DEVICE_COOKIE}x={good}")), None);
        assert_eq!(device_cookie(""), None);
    }

    #[test]
    fn the_state_is_json_with_the_issue_fields() {
        let view = DeviceView {
            focus: Some(super::super::Focus {
                model: 0,
                indicator_id: "ci-1".into(),
                statement: "<b>\"quoted\"</b>".into(),
            }),
            open: true,
            revealed: false,
            spread: None,
            devices: 3,
            vote: Some(Answer::NotApplicable),
        };
        let value: serde_json::Value = serde_json::from_str(&state_json(&view)).unwrap();
        assert_eq!(value["indicator"], "ci-1");
        assert_eq!(value["statement"], "<b>\"quoted\"</b>");
        assert_eq!(value["open"], true);
        assert_eq!(value["revealed"], false);
        assert!(value["spread"].is_null());
        assert_eq!(value["devices"], 3);
        assert_eq!(value["vote"], "na");
    }

    #[test]
    fn bind_addresses_with_and_without_a_port() {
        assert_eq!(parse_bind("127.0.0.1").unwrap().to_string(), "127.0.0.1:0");
        assert_eq!(parse_bind("127.0.0.1:8080").unwrap().to_string(), "127.0.0.1:8080");
        assert_eq!(parse_bind("[::1]:80").unwrap().to_string(), "[::1]:80");
        assert_eq!(parse_bind("::1").unwrap().to_string(), "[::1]:0");
        assert!(parse_bind("localhost:80").is_err());
    }

    proptest! {
        #[test]
        fn no_body_panics_the_parser(body in proptest::collection::vec(any::<u8>(), 0..300), json in any::<bool>()) {
            let _ = parse_vote(json.then_some("application/json"), &body);
        }

        #[test]
        fn no_path_panics_the_router(path in ".{0,80}", method in "(GET|POST|PUT|HEAD|\\PC{0,5})") {
            let _ = route(&method, &path, TOKEN);
        }
    }
}
