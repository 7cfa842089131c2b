//! A real browser votes: headless Chromium, driven by chromedriver over
//! WebDriver (a few JSON requests to 127.0.0.1), opens the voting page
//! served by the app, taps an answer, and the vote arrives in the app's
//! state; the reveal reaches the page; closing voting says so on it.
//!
//! Needs the Debian packages `chromium` and `chromium-driver` (installed by
//! `.ci/run`); without them the test says why and passes.

mod common;

use std::net::{SocketAddr, TcpListener};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use common::find_program;
use common::http::request;
use common::voting::app_with_voting_open;
use egui::Key;
use egui_kittest::Harness;
use maturity_workshop::ui::WorkshopApp;
use maturity_workshop::voting::Spread;
use serde_json::{Value, json};

/// chromedriver on a free loopback port, killed when dropped.
struct Driver {
    child: Child,
    address: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = request(self.address, None, "DELETE", &format!("/session/{}", self.session), None, None, b"");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn webdriver(address: SocketAddr, method: &str, path: &str, body: Option<Value>) -> Value {
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let content_type = (method == "POST").then_some("application/json");
    let reply = request(address, None, method, path, None, content_type, body.as_bytes())
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    let value = reply.json();
    assert_eq!(reply.status, 200, "{method} {path}: {value}");
    value["value"].clone()
}

impl Driver {
    fn start(chromium: &std::path::Path, chromedriver: &std::path::Path) -> Self {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let address: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let child = Process::new(chromedriver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while request(address, None, "GET", "/status", None, None, b"").is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-default-apps",
            "--disable-extensions",
            "--window-size=390,844",
            &format!("--user-data-dir={}", profile.path().display()),
        ];
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args},
        }}});
        let mut driver = Self { child, address, session: String::new(), _profile: profile };
        let session = webdriver(address, "POST", "/session", Some(capabilities));
        driver.session = session["sessionId"].as_str().unwrap().to_owned();
        driver
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        webdriver(self.address, method, &format!("/session/{}{path}", self.session), body)
    }

    fn text(&self, css: &str) -> String {
        let script = "var e = document.querySelector(arguments[0]); return e && !e.closest('[hidden]') ? e.textContent : null;";
        self.call("POST", "/execute/sync", Some(json!({"script": script, "args": [css]})))
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    /// Waits (bounded) until the element's text contains `expected`.
    fn wait_text(&self, css: &str, expected: &str, within: Duration) {
        let deadline = Instant::now() + within;
        loop {
            let text = self.text(css);
            if text.contains(expected) {
                return;
            }
            assert!(Instant::now() < deadline, "{css} says {text:?}, not {expected:?}, after {within:?}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn tap(&self, css: &str) {
        let element = self.call("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        let id =
            element.as_object().and_then(|o| o.values().next()).and_then(Value::as_str).unwrap().to_owned();
        self.call("POST", &format!("/element/{id}/click"), Some(json!({})));
    }
}

fn run_until(harness: &mut Harness<'_, WorkshopApp>, mut done: impl FnMut(&WorkshopApp) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(harness.state()) {
        assert!(Instant::now() < deadline, "not within 10 s");
        std::thread::sleep(Duration::from_millis(20));
        harness.run();
    }
}

#[test]
fn chromium_taps_an_answer_and_the_vote_reaches_the_app() {
    let (Some(chromium), Some(chromedriver)) = (find_program("chromium"), find_program("chromedriver"))
    else {
        eprintln!("skipped: the Debian packages chromium and chromium-driver are not installed");
        return;
    };
    let (mut harness, url) = app_with_voting_open();
    let statement = {
        let state = &harness.state().state;
        state.workshop().unwrap().assessments[0].model.levels[0].indicators[0].statement.clone()
    };

    let driver = Driver::start(&chromium, &chromedriver);
    driver.call("POST", "/url", Some(json!({"url": url})));
    driver.wait_text("#statement", &statement, Duration::from_secs(5));
    driver.tap("button[data-answer=partly]");
    driver.wait_text("#status", "Your vote: Partly", Duration::from_secs(5));
    run_until(&mut harness, |app| app.state.voting().is_some_and(|v| v.tally.voted == 1));

    // The facilitator moves on: the page follows within 2 s.
    harness.key_press(Key::ArrowRight);
    harness.run();
    let next = {
        let state = &harness.state().state;
        state.workshop().unwrap().assessments[0].model.levels[0].indicators[1].statement.clone()
    };
    driver.wait_text("#statement", &next, Duration::from_secs(2));
    driver.tap("button[data-answer=no]");
    driver.wait_text("#status", "Your vote: No", Duration::from_secs(5));
    run_until(&mut harness, |app| app.state.voting().is_some_and(|v| v.tally.voted == 1));
    harness.key_press(Key::R);
    harness.run();
    run_until(&mut harness, |app| {
        let assessment = &app.state.workshop().unwrap().assessments[0];
        let id = &assessment.model.levels[0].indicators[1].id;
        assessment.votes.get(id) == Some(&Spread { no: 1, ..Spread::default() })
    });
    driver.wait_text("#status", "Revealed", Duration::from_secs(3));
    driver.wait_text("#spread", "No1", Duration::from_secs(1));

    // Back: the first indicator was never revealed, so its vote is still
    // hidden and changeable.
    harness.key_press(Key::ArrowLeft);
    harness.run();
    driver.wait_text("#status", "Your vote: Partly", Duration::from_secs(3));

    harness.key_press(Key::V);
    harness.run();
    driver.wait_text("#closed", "Voting is closed", Duration::from_secs(6));
}
