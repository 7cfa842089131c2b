//! The real binary with `--vote`: it prints `voting: URL` on stdout, serves
//! the page there (127.0.0.1 via `--vote-bind`), follows the focused
//! indicator and takes a vote; SIGTERM then closes the app and the port.
//!
//! Runs the app under `xvfb-run` (Debian package `xvfb`, installed by
//! `.ci/run`); without it the test says why and passes.
#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::find_program;
use common::http::{get, split_url, vote};

const BIN: &str = env!("CARGO_BIN_EXE_maturity-workshop");

#[test]
fn vote_prints_the_address_and_serves_the_page() {
    let Some(xvfb_run) = find_program("xvfb-run") else {
        eprintln!("skipped: xvfb-run (Debian package xvfb) is not installed");
        return;
    };
    let folder = tempfile::tempdir().unwrap();
    let workshop = folder.path().join("sample.workshop.ron");
    let status = Command::new(BIN).args(["sample", "-o"]).arg(&workshop).output().unwrap();
    assert!(status.status.success());
    let mut child = Command::new(xvfb_run)
        .args(["-a", "-s", "-screen 0 1280x800x24"])
        .arg(BIN)
        .args(["--vote", "--vote-bind", "127.0.0.1:0"])
        .arg(&workshop)
        .env("MATURITY_WORKSHOP_DATA_DIR", folder.path().join("data"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        // A group of its own, so the app and its X server end together.
        .process_group(0)
        .spawn()
        .unwrap();
    let group = child.id();
    let stdout = child.stdout.take().unwrap();
    let (lines_tx, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let url = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) => {
                if let Some(url) = line.strip_prefix("voting: ") {
                    break url.to_owned();
                }
            }
            Err(_) => {
                let _ = Command::new("kill").args(["-KILL", "--", &format!("-{group}")]).status();
                panic!("no `voting: URL` line within 60 s");
            }
        }
    };
    let (address, path) = split_url(&url);
    assert!(address.ip().is_loopback(), "{url}");
    assert_eq!(path.len(), "/v/".len() + 26, "a 128-bit token: {url}");

    let page = get(address, &path, None);
    assert_eq!(page.status, 200);
    let cookie = page.cookie().unwrap();
    // The page follows the facilitator: the app sends the focused indicator
    // within a frame or two of opening.
    let deadline = Instant::now() + Duration::from_secs(20);
    let indicator = loop {
        let state = get(address, &format!("{path}/state"), Some(&cookie)).json();
        if let Some(id) = state["indicator"].as_str() {
            break id.to_owned();
        }
        assert!(Instant::now() < deadline, "no indicator in {state}");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(vote(address, &format!("{path}/vote"), Some(&cookie), &indicator, "partly").status, 204);
    let state = get(address, &format!("{path}/state"), Some(&cookie)).json();
    assert_eq!(state["vote"], "partly");
    assert_eq!(state["devices"], 1);

    // SIGTERM to the group: the app closes, and so does the port.
    let _ = Command::new("kill").args(["-TERM", "--", &format!("-{group}")]).status();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if Instant::now() > deadline {
            let _ = Command::new("kill").args(["-KILL", "--", &format!("-{group}")]).status();
            panic!("the app did not close on SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while common::http::connect(address, None).is_ok() {
        assert!(Instant::now() < deadline, "the voting port outlived the app");
        std::thread::sleep(Duration::from_millis(50));
    }
}
