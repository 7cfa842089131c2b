//! Load and abuse on the voting server while the app runs, loopback only
//! and bounded in count and time: simulated devices poll and vote, the
//! facilitator reveals and moves on; then a flood of malformed, oversized
//! and wrong-token requests. Checked: no vote lost or counted twice, the
//! server answers every request with an expected status and stays up, the
//! window's frame cost measured before, during and after, memory recorded.
//!
//! `cargo test --test voting_load` runs a short version (40 devices, 4 s,
//! 1,000 bad requests). The full run (200 devices for 60 s, then
//! 10,000 bad requests) is ignored by default:
//! `cargo test --test voting_load -- --ignored --nocapture`; its figures are
//! in BENCHMARKS.md.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::http::{raw, request, split_url};
use common::voting::app_with_voting_open;
use egui::Key;
use egui_kittest::Harness;
use maturity_workshop::ui::WorkshopApp;
use maturity_workshop::voting::Spread;

/// A small xorshift: the test needs variety, not quality.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const ANSWERS: [&str; 4] = ["yes", "partly", "no", "na"];

fn add(spread: &mut Spread, answer: &str) {
    match answer {
        "yes" => spread.yes += 1,
        "partly" => spread.partly += 1,
        "no" => spread.no += 1,
        _ => spread.not_applicable += 1,
    }
}

/// One simulated phone: its own loopback address and cookie, and the last
/// vote the server accepted from it per indicator.
struct Device {
    source: Ipv4Addr,
    cookie: String,
    next_poll: Instant,
    accepted: HashMap<String, &'static str>,
}

fn device_address(n: usize) -> Ipv4Addr {
    Ipv4Addr::new(127, 0, 3 + (n / 250) as u8, 1 + (n % 250) as u8)
}

fn rss_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

#[derive(Debug, Default)]
struct Frames(Vec<Duration>, usize);

impl Frames {
    fn quantile(&self, q: f64) -> Duration {
        let mut sorted = self.0.clone();
        sorted.sort();
        sorted.get(((sorted.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or_default()
    }

    fn describe(&self) -> String {
        format!(
            "{} frames ({} passes), median {:?}, p95 {:?}, max {:?}",
            self.0.len(),
            self.1,
            self.quantile(0.5),
            self.quantile(0.95),
            self.quantile(1.0)
        )
    }
}

fn frame(harness: &mut Harness<'_, WorkshopApp>, frames: &mut Frames) {
    let passes = harness.ctx.cumulative_pass_nr();
    let start = Instant::now();
    harness.step();
    frames.0.push(start.elapsed());
    frames.1 += (harness.ctx.cumulative_pass_nr() - passes) as usize;
}

fn focused_id(app: &WorkshopApp) -> String {
    let state = &app.state;
    let assessment = &state.workshop().unwrap().assessments[state.nav().model];
    assessment.model.levels[state.nav().level].indicators[state.nav().indicator].id.clone()
}

fn saved(app: &WorkshopApp, id: &str) -> Option<Spread> {
    let state = &app.state;
    state.workshop().unwrap().assessments[state.nav().model].votes.get(id).copied()
}

/// Reveals the focused indicator and runs frames until its spread arrives.
fn reveal(harness: &mut Harness<'_, WorkshopApp>, frames: &mut Frames) -> (String, Option<Spread>) {
    let id = focused_id(harness.state());
    let voted = harness.state().state.voting().map_or(0, |v| v.tally.voted);
    harness.key_press(Key::R);
    let deadline = Instant::now() + Duration::from_secs(10);
    while saved(harness.state(), &id).is_none() && Instant::now() < deadline {
        // An indicator nobody voted on has nothing to save.
        let revealed = harness.state().state.voting().is_some_and(|v| v.tally.revealed);
        if revealed && voted == 0 {
            break;
        }
        frame(harness, frames);
        std::thread::sleep(Duration::from_millis(5));
    }
    (id.clone(), saved(harness.state(), &id))
}

struct Report {
    requests: usize,
    accepted_votes: usize,
    rounds: usize,
    before: Frames,
    before_hot: Frames,
    during: Frames,
    after_abuse: Frames,
    rss: Vec<(&'static str, (u64, u64))>,
    abuse: BTreeMap<u16, usize>,
    abuse_failures: usize,
    elapsed: Duration,
}

fn run(devices: usize, duration: Duration, rounds: usize, bad_requests: usize) -> Report {
    let started = Instant::now();
    let (mut harness, url) = app_with_voting_open();
    let (address, path) = split_url(&url);
    let mut rss = vec![("voting open, before load", rss_kib())];

    // Warm up (fonts, layout caches), then measure.
    frames(&mut harness, 30, Duration::ZERO);
    let before = frames(&mut harness, 60, Duration::from_millis(16));
    // The same frames back to back: an idle core between frames makes
    // each one slower (caches gone cold), which the load hides.
    let before_hot = frames(&mut harness, 60, Duration::ZERO);

    // The devices: a few threads, each running a share of them.
    let stop = Arc::new(AtomicBool::new(false));
    let requests = Arc::new(AtomicUsize::new(0));
    let threads = devices.clamp(1, 16);
    let records: Arc<Mutex<Vec<HashMap<String, &'static str>>>> = Arc::default();
    let workers: Vec<_> = (0..threads)
        .map(|t| {
            let (stop, requests, records, path) =
                (stop.clone(), requests.clone(), records.clone(), path.clone());
            std::thread::spawn(move || {
                device_thread(t, threads, devices, address, &path, &stop, &requests, &records)
            })
        })
        .collect();

    let mut during = Frames::default();
    let mut revealed = Vec::new();
    let round = duration / rounds as u32;
    let load_start = Instant::now();
    let mut next_round = load_start + round;
    while load_start.elapsed() < duration {
        frame(&mut harness, &mut during);
        if Instant::now() >= next_round && revealed.len() + 1 < rounds {
            revealed.push(reveal(&mut harness, &mut during));
            harness.key_press(Key::ArrowRight);
            next_round += round;
        }
        // A frame every ~16 ms, as a window on a 60 Hz screen at most.
        std::thread::sleep(Duration::from_millis(16));
    }
    rss.push(("after the load, devices still connected", rss_kib()));
    stop.store(true, Ordering::SeqCst);
    for worker in workers {
        worker.join().expect("a device thread panicked");
    }
    revealed.push(reveal(&mut harness, &mut during));

    let accepted_votes = check_no_vote_lost(&revealed, &records.lock().unwrap());

    // Abuse: malformed, oversized and wrong-token requests from many
    // addresses, so most reach the parser past the rate limit.
    let abuse = abuse(address, &path, bad_requests);
    // Only bytes that are not HTTP at all (kind 6) may go unanswered:
    // tiny_http closes such a connection without a reply.
    let abuse_failures = abuse.iter().filter(|(s, _)| **s >= 1000 && **s != 1006).map(|(_, n)| n).sum();
    rss.push(("after the abuse", rss_kib()));
    let after_abuse = frames(&mut harness, 60, Duration::from_millis(16));
    // Still up, still right: the state answers, and no bad request voted.
    let state =
        request(address, Some(Ipv4Addr::new(127, 0, 9, 1)), "GET", &format!("{path}/state"), None, None, b"")
            .unwrap();
    assert_eq!(state.status, 200);
    assert!(state.json()["devices"].as_u64().unwrap() <= 300);
    for (id, spread) in &revealed {
        let app = harness.state();
        let votes = app.state.workshop().unwrap().assessments.iter().find_map(|a| a.votes.get(id).copied());
        assert_eq!(votes, *spread, "{id} changed after the abuse");
    }
    Report {
        requests: requests.load(Ordering::SeqCst),
        accepted_votes,
        rounds: revealed.len(),
        before,
        before_hot,
        during,
        after_abuse,
        rss,
        abuse,
        abuse_failures,
        elapsed: started.elapsed(),
    }
}

/// `count` frames, `pause` apart.
fn frames(harness: &mut Harness<'_, WorkshopApp>, count: usize, pause: Duration) -> Frames {
    let mut frames = Frames::default();
    for _ in 0..count {
        frame(harness, &mut frames);
        std::thread::sleep(pause);
    }
    frames
}

/// No vote lost or counted twice: each revealed spread is exactly the last
/// vote the server accepted from each device on that indicator. The count
/// of accepted votes.
fn check_no_vote_lost(
    revealed: &[(String, Option<Spread>)],
    records: &[HashMap<String, &'static str>],
) -> usize {
    for (id, spread) in revealed {
        let mut expected = Spread::default();
        for device in records {
            if let Some(answer) = device.get(id) {
                add(&mut expected, answer);
            }
        }
        let expected = (!expected.is_empty()).then_some(expected);
        assert_eq!(*spread, expected, "indicator {id}");
    }
    let voted_on = revealed.iter().filter(|(_, s)| s.is_some()).count();
    assert!(voted_on >= 2, "the room voted on {voted_on} indicators");
    records.iter().map(HashMap::len).sum()
}

#[allow(clippy::too_many_arguments, reason = "a test's thread body")]
fn device_thread(
    thread: usize,
    threads: usize,
    devices: usize,
    address: SocketAddr,
    path: &str,
    stop: &AtomicBool,
    requests: &AtomicUsize,
    records: &Mutex<Vec<HashMap<String, &'static str>>>,
) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ ((thread as u64 + 1) * 0x1234_5678));
    let mut mine: Vec<Device> = (thread..devices)
        .step_by(threads)
        .map(|n| {
            let source = device_address(n);
            let page = request(address, Some(source), "GET", path, None, None, b"").unwrap();
            assert_eq!(page.status, 200, "device {n} joins");
            requests.fetch_add(1, Ordering::Relaxed);
            let spread_start = Duration::from_millis(rng.below(1000));
            Device {
                source,
                cookie: page.cookie().unwrap(),
                next_poll: Instant::now() + spread_start,
                accepted: HashMap::new(),
            }
        })
        .collect();
    while !stop.load(Ordering::SeqCst) {
        for device in &mut mine {
            if Instant::now() < device.next_poll {
                continue;
            }
            // Polls once a second, as the page does.
            device.next_poll = Instant::now() + Duration::from_millis(900 + rng.below(200));
            let state = request(
                address,
                Some(device.source),
                "GET",
                &format!("{path}/state"),
                Some(&device.cookie),
                None,
                b"",
            )
            .unwrap();
            requests.fetch_add(1, Ordering::Relaxed);
            assert_eq!(state.status, 200, "{}", state.text());
            let state = state.json();
            let Some(indicator) = state["indicator"].as_str() else { continue };
            if state["revealed"] == true || rng.below(3) == 0 {
                continue;
            }
            let answer = ANSWERS[rng.below(4) as usize];
            let body = format!("indicator={indicator}&answer={answer}");
            let reply = request(
                address,
                Some(device.source),
                "POST",
                &format!("{path}/vote"),
                Some(&device.cookie),
                Some("application/x-www-form-urlencoded"),
                body.as_bytes(),
            )
            .unwrap();
            requests.fetch_add(1, Ordering::Relaxed);
            match reply.status {
                204 => {
                    device.accepted.insert(indicator.to_owned(), answer);
                }
                // The facilitator revealed or moved on since the poll.
                409 => {}
                other => panic!("vote refused with {other}: {}", reply.text()),
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    records.lock().unwrap().extend(mine.into_iter().map(|d| d.accepted));
}

/// Bad requests of every kind, from 8 threads; the count of each status
/// (1000 + kind: no HTTP answer at all).
fn abuse(address: SocketAddr, path: &str, count: usize) -> BTreeMap<u16, usize> {
    let token = path.trim_start_matches("/v/").to_owned();
    let statuses: Arc<Mutex<BTreeMap<u16, usize>>> = Arc::default();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let (statuses, token) = (statuses.clone(), token.clone());
            std::thread::spawn(move || {
                let mut rng = Rng(0xdead_beef ^ ((t as u64 + 7) * 0x9e37));
                for i in (t..count).step_by(8) {
                    let source = Ipv4Addr::new(127, 0, 10 + (i % 4) as u8, 1 + ((i / 4) % 250) as u8);
                    let (kind, bytes) = bad_request(&mut rng, &token);
                    let status = raw(address, Some(source), &bytes).map_or(1000 + kind, |reply| reply.status);
                    *statuses.lock().unwrap().entry(status).or_default() += 1;
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("an abuse thread panicked");
    }
    Arc::try_unwrap(statuses).unwrap().into_inner().unwrap()
}

fn bad_request(rng: &mut Rng, token: &str) -> (u16, Vec<u8>) {
    let mut wrong = token.to_owned();
    wrong.replace_range(0..2, "zz");
    let post = |path: &str, body: &[u8]| {
        let mut bytes = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        bytes.extend_from_slice(body);
        bytes
    };
    let kind = rng.below(8);
    let bytes = match kind {
        0 => format!("GET /v/{wrong} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").into_bytes(),
        1 => format!("GET /v/{wrong}/state HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").into_bytes(),
        2 => post(&format!("/v/{token}/vote"), &vec![b'a'; 1025 + rng.below(4000) as usize]),
        3 => post(&format!("/v/{token}/vote"), b"indicator=unaware-written-steps&answer=maybe"),
        4 => post(&format!("/v/{token}/vote"), b"indicator=no-such-thing&answer=yes"),
        5 => {
            let garbage: Vec<u8> = (0..rng.below(300)).map(|_| rng.next() as u8).collect();
            post(&format!("/v/{token}/vote"), &garbage)
        }
        6 => {
            let garbage: Vec<u8> = (0..1 + rng.below(200)).map(|_| rng.next() as u8).collect();
            let mut bytes = garbage;
            bytes.extend_from_slice(b"\r\n\r\n");
            bytes
        }
        _ => post(&format!("/v/{wrong}/vote"), b"indicator=unaware-written-steps&answer=yes"),
    };
    (kind as u16, bytes)
}

fn print(name: &str, report: &Report) {
    eprintln!("{name}: {:?} in all", report.elapsed);
    eprintln!(
        "  device requests {}, accepted votes {}, revealed rounds {}",
        report.requests, report.accepted_votes, report.rounds
    );
    eprintln!("  frames before: {}", report.before.describe());
    eprintln!("  frames before, back to back: {}", report.before_hot.describe());
    eprintln!("  frames during: {}", report.during.describe());
    eprintln!("  frames after the abuse: {}", report.after_abuse.describe());
    for (when, (rss, peak)) in &report.rss {
        eprintln!("  memory {when}: RSS {rss} KiB (peak {peak} KiB)");
    }
    eprintln!("  bad requests by status (1006: not HTTP, closed unanswered): {:?}", report.abuse);
}

fn check(report: &Report) {
    assert_eq!(report.abuse_failures, 0, "every bad request got an HTTP answer: {:?}", report.abuse);
    for status in report.abuse.keys() {
        assert!(
            [400, 404, 405, 409, 411, 413, 429, 1006].contains(status),
            "unexpected {status}: {:?}",
            report.abuse
        );
    }
    // Responsive: the window's frames stay short while the room votes
    // (the simulated devices share this process and its two cores).
    assert!(report.during.quantile(0.5) < Duration::from_millis(100), "{}", report.during.describe());
    assert!(
        report.after_abuse.quantile(0.5) < Duration::from_millis(100),
        "{}",
        report.after_abuse.describe()
    );
    let peak = report.rss.iter().map(|(_, (_, peak))| *peak).max().unwrap_or(0);
    assert!(peak < 1024 * 1024, "peak memory {peak} KiB");
}

#[test]
fn a_short_load_and_abuse_run() {
    let report = run(40, Duration::from_secs(4), 3, 1_000);
    print("short run", &report);
    check(&report);
}

#[test]
#[ignore = "the issue's full run: 200 devices for 60 s, then 10,000 bad requests (about 90 s)"]
fn the_full_load_and_abuse_run() {
    let report = run(200, Duration::from_secs(60), 6, 10_000);
    print("full run", &report);
    check(&report);
}
