//! The voting server over real HTTP on 127.0.0.1: join, vote, change a
//! vote, reveal; a wrong token, an oversized body, bad answers, too many
//! devices, the rate limit, and the server gone once stopped.

mod common;

use std::net::{Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use common::http::{self, get, request, split_url, vote};
use maturity_workshop::voting::server::{Control, Event, VoteServer};
use maturity_workshop::voting::{Focus, Limits, Spread};

fn loopback() -> Option<SocketAddr> {
    Some("127.0.0.1:0".parse().unwrap())
}

fn known() -> Vec<(usize, String)> {
    vec![(0, "ci-1".into()), (0, "ci-2".into())]
}

fn focus(id: &str) -> Control {
    Control::Focus(Some(Focus {
        model: 0,
        indicator_id: id.into(),
        statement: format!("<i>Statement</i> {id}"),
    }))
}

fn start() -> (VoteServer, SocketAddr, String) {
    let server = VoteServer::start(loopback(), Limits::default(), known(), None).unwrap();
    let (address, path) = split_url(server.url());
    assert_eq!(address, server.address());
    (server, address, path)
}

/// Waits (bounded) for the server's next event that `pick` accepts.
fn wait_for<T>(server: &VoteServer, mut pick: impl FnMut(&Event) -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        for event in server.events() {
            if let Some(found) = pick(&event) {
                return found;
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("no such event within 5 s");
}

/// A control message is applied before the next request is handled.
fn settle() {
    std::thread::sleep(Duration::from_millis(120));
}

#[test]
fn devices_join_vote_change_their_vote_and_see_the_reveal() {
    let (server, address, path) = start();
    server.send(focus("ci-1"));
    settle();

    let page = get(address, &path, None);
    assert_eq!(page.status, 200);
    assert!(page.header("Content-Type").unwrap().starts_with("text/html"));
    assert!(page.body.len() < 50 * 1024, "the page is {} bytes", page.body.len());
    assert!(page.text().contains("Voting is closed"));
    let csp = page.header("Content-Security-Policy").unwrap();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    let one = page.cookie().expect("a device cookie");
    assert!(one.starts_with("mwvote="), "{one}");
    let two = get(address, &path, None).cookie().unwrap();
    assert_ne!(one, two);

    let state = get(address, &format!("{path}/state"), Some(&one)).json();
    assert_eq!(state["indicator"], "ci-1");
    assert_eq!(state["statement"], "<i>Statement</i> ci-1", "sent as text, not markup");
    assert_eq!(state["open"], true);
    assert_eq!(state["revealed"], false);
    assert!(state["spread"].is_null());
    assert_eq!(state["devices"], 2);

    let vote_path = format!("{path}/vote");
    assert_eq!(vote(address, &vote_path, Some(&one), "ci-1", "yes").status, 204);
    assert_eq!(vote(address, &vote_path, Some(&one), "ci-1", "no").status, 204, "a device changes its vote");
    let json = br#"{"indicator":"ci-1","answer":"partly"}"#;
    let reply =
        request(address, None, "POST", &vote_path, Some(&two), Some("application/json"), json).unwrap();
    assert_eq!(reply.status, 204);
    assert_eq!(get(address, &format!("{path}/state"), Some(&one)).json()["vote"], "no");

    let tally = wait_for(&server, |e| match e {
        Event::Tally(t) if t.voted == 2 => Some(t.clone()),
        _ => None,
    });
    assert_eq!((tally.devices, tally.revealed), (2, false));
    assert!(
        get(address, &format!("{path}/state"), None).json()["spread"].is_null(),
        "hidden until the reveal"
    );

    server.send(Control::Reveal);
    let spread = wait_for(&server, |e| match e {
        Event::Revealed { focus, spread } if focus.indicator_id == "ci-1" => Some(*spread),
        _ => None,
    });
    assert_eq!(spread, Spread { partly: 1, no: 1, ..Spread::default() });
    let state = get(address, &format!("{path}/state"), None).json();
    assert_eq!(state["revealed"], true);
    assert_eq!(state["spread"], serde_json::json!({"yes": 0, "partly": 1, "no": 1, "na": 0}));
    assert_eq!(vote(address, &vote_path, Some(&one), "ci-1", "yes").status, 409, "votes close at the reveal");

    // The facilitator moves on: the page follows, old votes are refused.
    server.send(focus("ci-2"));
    settle();
    assert_eq!(get(address, &format!("{path}/state"), None).json()["indicator"], "ci-2");
    assert_eq!(vote(address, &vote_path, Some(&one), "ci-1", "yes").status, 409);
    // A vote without a cookie joins a new device.
    let fresh = vote(address, &vote_path, None, "ci-2", "na");
    assert_eq!(fresh.status, 204);
    assert!(fresh.cookie().is_some());
    assert_eq!(get(address, &format!("{path}/state"), None).json()["devices"], 3);

    server.stop_and_wait();
    // tiny_http's accept thread lets the port go just after.
    let deadline = Instant::now() + Duration::from_secs(2);
    while http::connect(address, None).is_ok() {
        assert!(Instant::now() < deadline, "the port closes with the server");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_wrong_or_missing_token_gets_a_bare_404() {
    let (server, address, path) = start();
    let token = path.trim_start_matches("/v/");
    let mut wrong = token.to_owned();
    wrong.replace_range(0..1, if token.starts_with('a') { "b" } else { "a" });
    for bad in [
        "/".to_owned(),
        "/v/".to_owned(),
        "/v".to_owned(),
        format!("/v/{wrong}"),
        format!("/v/{wrong}/state"),
        format!("/v/{token}x/state"),
        format!("/v/{}", &token[..10]),
        "/favicon.ico".to_owned(),
        format!("/v/{token}/../state"),
    ] {
        let reply = get(address, &bad, None);
        assert_eq!(reply.status, 404, "{bad}");
        assert!(reply.body.is_empty(), "{bad}: {}", reply.text());
        assert!(reply.header("Set-Cookie").is_none(), "{bad}: a stranger gets no cookie");
    }
    let reply = vote(address, &format!("/v/{wrong}/vote"), None, "ci-1", "yes");
    assert_eq!((reply.status, reply.body.len()), (404, 0));
    // The right token with the wrong method is not a 404, but not a page either.
    assert_eq!(request(address, None, "DELETE", &path, None, None, b"").unwrap().status, 405);
    server.stop_and_wait();
}

#[test]
fn bodies_over_1_kb_bad_answers_and_unknown_indicators_are_refused() {
    let (server, address, path) = start();
    server.send(focus("ci-1"));
    settle();
    let cookie = get(address, &path, None).cookie().unwrap();
    let vote_path = format!("{path}/vote");
    let big = format!("indicator=ci-1&answer=yes&pad={}", "x".repeat(1100));
    let reply = request(address, None, "POST", &vote_path, Some(&cookie), None, big.as_bytes()).unwrap();
    assert_eq!(reply.status, 413);
    // A body of exactly 1 KB is still read.
    let exact = format!("indicator=ci-1&answer=yes&pad={}", "x".repeat(1024 - 30));
    assert_eq!(exact.len(), 1024);
    let reply = request(address, None, "POST", &vote_path, Some(&cookie), None, exact.as_bytes()).unwrap();
    assert_eq!(reply.status, 204);
    // A chunked body of no declared length is not read at all.
    let chunked = format!(
        "POST {vote_path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
    );
    assert_eq!(http::raw(address, None, chunked.as_bytes()).unwrap().status, 411);

    for (body, status) in [
        ("indicator=ci-1&answer=maybe", 400),
        ("indicator=ci-1&answer=", 400),
        ("indicator=ci-1", 400),
        ("answer=yes", 400),
        ("indicator=nope&answer=yes", 400),
        ("indicator=ci-2&answer=yes", 409),
        ("%%%", 400),
        ("{\"indicator\": 1}", 400),
        ("<script>alert(1)</script>", 400),
    ] {
        let reply = request(address, None, "POST", &vote_path, Some(&cookie), None, body.as_bytes()).unwrap();
        assert_eq!(reply.status, status, "{body}: {}", reply.text());
        assert!(!reply.text().contains('<'), "nothing sent is echoed back");
    }
    let reply =
        request(address, None, "POST", &vote_path, Some(&cookie), None, &[0xff, 0xfe, b'=', 0x80]).unwrap();
    assert_eq!(reply.status, 400);
    server.send(Control::Reveal);
    let spread = wait_for(&server, |e| match e {
        Event::Revealed { spread, .. } => Some(*spread),
        _ => None,
    });
    assert_eq!(spread, Spread { yes: 1, ..Spread::default() }, "only the good vote counted");
    server.stop_and_wait();
}

#[test]
fn at_most_300_devices_join_and_each_address_is_rate_limited() {
    let (server, address, path) = start();
    server.send(focus("ci-1"));
    settle();
    // 300 phones, each from an address of its own on the loopback network.
    let device_address = |n: u32| Ipv4Addr::new(127, 0, 1 + (n / 250) as u8, 1 + (n % 250) as u8);
    for n in 0..300 {
        let reply = request(address, Some(device_address(n)), "GET", &path, None, None, b"").unwrap();
        assert_eq!(reply.status, 200, "device {n}");
    }
    let reply = request(address, Some(device_address(300)), "GET", &path, None, None, b"").unwrap();
    assert_eq!(reply.status, 503, "the 301st device is turned away");
    let state = request(address, Some(device_address(301)), "GET", &format!("{path}/state"), None, None, b"")
        .unwrap()
        .json();
    assert_eq!(state["devices"], 300);

    // One address sending without pause: a burst of 40, then 429.
    let flooder = Some(Ipv4Addr::new(127, 0, 9, 9));
    let statuses: Vec<u16> = (0..60)
        .map(|_| request(address, flooder, "GET", &format!("{path}/state"), None, None, b"").unwrap().status)
        .collect();
    let limited = statuses.iter().filter(|s| **s == 429).count();
    assert!(statuses[..40].iter().all(|s| *s == 200), "{statuses:?}");
    assert!(limited >= 15, "{statuses:?}");
    // Others are not held back by it.
    let other = request(
        address,
        Some(Ipv4Addr::new(127, 0, 9, 10)),
        "GET",
        &format!("{path}/state"),
        None,
        None,
        b"",
    );
    assert_eq!(other.unwrap().status, 200);
    server.stop_and_wait();
}

#[test]
fn an_idle_room_sends_the_window_nothing() {
    let (server, address, path) = start();
    server.send(focus("ci-1"));
    // The focus's own tally may wait out the tenth-of-a-second spacing.
    std::thread::sleep(Duration::from_millis(400));
    let _ = server.events();
    // Polls change nothing: no tally, so no repaint.
    for _ in 0..5 {
        assert_eq!(get(address, &format!("{path}/state"), None).status, 200);
    }
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(server.events(), Vec::new());
    // A join and a vote do: a tally each at most, the last with the vote.
    let cookie = get(address, &path, None).cookie().unwrap();
    assert_eq!(vote(address, &format!("{path}/vote"), Some(&cookie), "ci-1", "yes").status, 204);
    std::thread::sleep(Duration::from_millis(300));
    let events = server.events();
    assert!(
        matches!(events.as_slice(), [.., Event::Tally(t)] if t.voted == 1 && t.devices == 1),
        "{events:?}"
    );
    assert!(events.len() <= 2, "{events:?}");
    server.stop_and_wait();
}
