//! The room's vote driven as a facilitator would, in both windows' harnesses
//! (accessibility check on, kittest's default): tally keys, the reveal over
//! real HTTP on 127.0.0.1, the spread on the wall, the median suggested,
//! the spread saved and reopened, and voting closing with the workshop.

use std::cell::RefCell;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::rc::Rc;
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::WorkshopApp;
use super::state::{Command, FileCommand};
use crate::voting::Spread;
use crate::workshop::Answer;

type Shared = Rc<RefCell<WorkshopApp>>;

struct Room {
    app: Shared,
    presenter: Harness<'static, Shared>,
    audience: Harness<'static, Shared>,
}

impl Room {
    fn new() -> Self {
        let data_dir = tempfile::tempdir().unwrap().keep();
        let mut app = WorkshopApp::headless(data_dir);
        app.set_vote_bind(Some("127.0.0.1:0".parse().unwrap()));
        app.state.execute(Command::ToggleAudience);
        let app = Rc::new(RefCell::new(app));
        let presenter = Harness::builder()
            .with_size(egui::vec2(1920.0, 1080.0))
            .with_max_steps(20)
            .build_ui_state(|ui, app: &mut Shared| app.borrow_mut().frame_ui(ui), app.clone());
        let audience = Harness::builder()
            .with_size(egui::vec2(1920.0, 1080.0))
            .with_max_steps(20)
            .build_ui_state(|ui, app: &mut Shared| app.borrow_mut().audience_frame(ui), app.clone());
        super::fonts::install(&audience.ctx);
        let mut room = Self { app, presenter, audience };
        room.run();
        room.app.borrow_mut().state.execute(Command::OpenSampleWorkshop);
        room.run();
        room
    }

    fn run(&mut self) {
        self.presenter.run();
        self.audience.run();
    }

    fn press(&mut self, key: Key) {
        self.presenter.key_press(key);
        self.run();
    }

    fn press_with(&mut self, modifiers: Modifiers, key: Key) {
        self.presenter.key_press_modifiers(modifiers, key);
        self.run();
    }

    fn focused(&self) -> (usize, String) {
        let app = self.app.borrow();
        let state = &app.state;
        let assessment = &state.workshop().unwrap().assessments[state.nav().model];
        (
            state.nav().model,
            assessment.model.levels[state.nav().level].indicators[state.nav().indicator].id.clone(),
        )
    }

    fn saved_spread(&self) -> Option<Spread> {
        let (model, id) = self.focused();
        self.app.borrow().state.workshop().unwrap().assessments[model].votes.get(&id).copied()
    }

    /// Runs frames until `done` holds, as the app would on the server's
    /// repaints (bounded: 5 s).
    fn run_until(&mut self, mut done: impl FnMut(&Self) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while !done(self) {
            assert!(Instant::now() < deadline, "not within 5 s");
            std::thread::sleep(Duration::from_millis(20));
            self.run();
        }
    }
}

/// One HTTP/1.1 request to 127.0.0.1, `Connection: close`; the status and
/// the Set-Cookie pair.
fn http(
    address: SocketAddr,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: &str,
) -> (u16, Option<String>) {
    assert!(address.ip().is_loopback());
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(5)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let cookie = cookie.map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n{cookie}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    let status = reply.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let set_cookie = reply
        .lines()
        .find_map(|l| l.strip_prefix("Set-Cookie: "))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    (status, set_cookie)
}

fn split(url: &str) -> (SocketAddr, String) {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_once('/').unwrap();
    (host.parse().unwrap(), format!("/{path}"))
}

#[test]
fn tally_keys_count_raised_hands_and_the_wall_shows_the_spread() {
    let mut room = Room::new();
    assert_eq!(room.saved_spread(), None);
    for key in [Key::Num1, Key::Num1, Key::Num2, Key::Num3, Key::Num4] {
        room.press_with(Modifiers::COMMAND, key);
    }
    assert_eq!(room.saved_spread(), Some(Spread { yes: 2, partly: 1, no: 1, not_applicable: 1 }));
    // The answer itself is the facilitator's: hands do not change it.
    let (model, id) = room.focused();
    assert_eq!(room.app.borrow().state.workshop().unwrap().assessments[model].answer(&id), Some(Answer::Yes));

    // Both windows show the bars with counts, the words, and the mark.
    room.audience.get_by_label("How the room voted");
    room.audience.get_by_label("Room: 2 Yes · 1 Partly · 1 No · 1 Not applicable · median Partly");
    room.audience.get_by_label("The room disagreed: worth a second conversation.");
    room.presenter.get_by_label("Room: 2 Yes · 1 Partly · 1 No · 1 Not applicable · median Partly");

    // Each hand is one undoable step.
    room.press_with(Modifiers::COMMAND, Key::Z);
    assert_eq!(room.saved_spread(), Some(Spread { yes: 2, partly: 1, no: 1, not_applicable: 0 }));
    // The median answers in one click.
    room.presenter.get_by_label("Answer Partly (the median)").click();
    room.run();
    assert_eq!(
        room.app.borrow().state.workshop().unwrap().assessments[model].answer(&id),
        Some(Answer::Partly)
    );
    // Ctrl+Backspace forgets them, to vote again.
    room.press_with(Modifiers::COMMAND, Key::Backspace);
    assert_eq!(room.saved_spread(), None);
    assert!(room.audience.query_by_label("How the room voted").is_none());
}

#[test]
fn phones_vote_hidden_until_the_reveal_then_the_spread_is_saved_and_reopens() {
    let mut room = Room::new();
    room.press(Key::V);
    let url = room.app.borrow().voting_url().expect("voting is open").to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    room.audience.get_by_label("Vote on your phone");
    room.audience.get_by_label("QR code of the voting address");
    room.audience.get_by_label(url.strip_prefix("http://").unwrap());

    let (address, path) = split(&url);
    let (_, id) = room.focused();
    let mut cookies = Vec::new();
    for _ in 0..3 {
        let (status, cookie) = http(address, "GET", &path, None, "");
        assert_eq!(status, 200);
        cookies.push(cookie.unwrap());
    }
    let vote = format!("{path}/vote");
    for (cookie, answer) in cookies.iter().zip(["no", "partly", "partly"]) {
        assert_eq!(
            http(address, "POST", &vote, Some(cookie), &format!("indicator={id}&answer={answer}")).0,
            204
        );
    }
    // A device changes its mind before the reveal.
    assert_eq!(http(address, "POST", &vote, Some(&cookies[0]), &format!("indicator={id}&answer=yes")).0, 204);

    room.run_until(|room| room.app.borrow().state.voting().is_some_and(|v| v.tally.voted == 3));
    room.presenter.get_by_label("3 devices joined · 3 voted on this indicator");
    room.audience.get_by_label("3 votes in · hidden until the reveal");
    assert!(room.audience.query_by_label("How the room voted").is_none(), "never before the reveal");

    room.press(Key::R);
    room.run_until(|room| room.saved_spread().is_some());
    assert_eq!(room.saved_spread(), Some(Spread { yes: 1, partly: 2, ..Spread::default() }));
    room.audience.get_by_label("How the room voted");
    room.audience.get_by_label("Room: 1 Yes · 2 Partly · median Partly");
    room.presenter.get_by_label("Room: 1 Yes · 2 Partly · median Partly");
    // A second reveal counts nothing twice.
    room.press(Key::R);
    std::thread::sleep(Duration::from_millis(200));
    room.run();
    assert_eq!(room.saved_spread(), Some(Spread { yes: 1, partly: 2, ..Spread::default() }));

    // Saved, and reopened in another app: the counts are there, nothing else.
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("voted.workshop.ron");
    let workshop = room.app.borrow().state.workshop().unwrap().clone();
    crate::storage::write_workshop_file(&file, &workshop).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        !text.contains("mwvote") && !cookies.iter().any(|c| text.contains(&c[7..])),
        "no device ids on disk"
    );
    let mut other =
        Harness::builder().with_size(egui::vec2(1920.0, 1080.0)).with_max_steps(20).build_ui_state(
            |ui, app: &mut WorkshopApp| app.frame_ui(ui),
            WorkshopApp::headless(tempfile::tempdir().unwrap().keep()),
        );
    other.state_mut().files_command(FileCommand::OpenRecent(file));
    other.run();
    let (model, id) = room.focused();
    let reopened = other.state().state.workshop().unwrap().assessments[model].votes.get(&id).copied();
    assert_eq!(reopened, Some(Spread { yes: 1, partly: 2, ..Spread::default() }));
    // The reopened workshop shows the spread on the presenter's strip.
    other.get_by_label("Room: 1 Yes · 2 Partly · median Partly");

    // Closing the workshop closes the vote and the port.
    room.app.borrow_mut().state.execute(Command::CloseWorkshop);
    room.run();
    assert!(room.app.borrow().voting_url().is_none());
    let deadline = Instant::now() + crate::voting::server::CLOSING_GRACE + Duration::from_secs(2);
    while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
        assert!(Instant::now() < deadline, "the server still listens");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_vote_menu_opens_and_closes_voting() {
    let mut room = Room::new();
    room.presenter.get_by_label("Vote").click();
    room.run();
    room.presenter.get_by_label("Open room voting V").click();
    room.run();
    let url = room.app.borrow().voting_url().map(str::to_owned).expect("voting is open");
    room.audience.get_by_label("Vote on your phone");
    room.presenter.get_by_label("0 devices joined · 0 voted on this indicator");
    room.presenter.get_by_label("Vote").click();
    room.run();
    room.presenter.get_by_label("Close room voting V").click();
    room.run();
    assert!(room.app.borrow().voting_url().is_none(), "{url} still open");
    assert!(room.audience.query_by_label("Vote on your phone").is_none());
}
