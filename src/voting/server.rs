//! The voting server: tiny_http on a thread of its own. It owns the
//! [`Room`]; the window sends it what the facilitator does ([`Control`])
//! and reads what the room did ([`Event`]) from channels, so the window's
//! thread never waits on the network. One repaint is asked per batch of
//! requests, at most ten a second.

use std::io::Read;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tiny_http::{Header, Request, Response, Server};

use super::request::{self, DEVICE_COOKIE, Route};
use super::room::{Focus, Limits, RateLimiter, Room, Tally, VoteRefused};
use super::{PAGE, Spread};

/// Asks the window for a frame; called from the server's thread.
pub type Repaint = Arc<dyn Fn() + Send + Sync>;

/// What the facilitator did, for the server.
#[derive(Clone, Debug, PartialEq)]
pub enum Control {
    /// The indicator on screen, or none (summary, roadmap, start).
    Focus(Option<Focus>),
    /// Every indicator id in the workshop, per model (after an upgrade or undo).
    Known(Vec<(usize, String)>),
    /// Reveal the focused indicator's votes.
    Reveal,
    /// Forget the focused indicator's votes: the room votes again.
    Clear,
}

/// What the room did, for the window.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    Tally(Tally),
    /// The focused indicator's votes, revealed: counted once, here.
    Revealed {
        focus: Focus,
        spread: Spread,
    },
}

/// Where to listen: the room network's address on a free port, or the
/// facilitator's choice (`--vote-bind`).
pub fn room_address() -> IpAddr {
    // Connecting a UDP socket sends nothing: it only asks the system which
    // of its addresses would reach the destination. The destinations are
    // documentation and private ranges; the first route found wins, so an
    // offline room on a hotspot (no default route) still finds its network.
    let probes: [Ipv4Addr; 4] = [
        Ipv4Addr::new(192, 0, 2, 1),
        Ipv4Addr::new(10, 255, 255, 254),
        Ipv4Addr::new(172, 31, 255, 254),
        Ipv4Addr::new(192, 168, 255, 254),
    ];
    for probe in probes {
        let Ok(socket) = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)) else { continue };
        if socket.connect((probe, 9)).is_err() {
            continue;
        }
        if let Ok(local) = socket.local_addr()
            && !local.ip().is_loopback()
            && !local.ip().is_unspecified()
        {
            return local.ip();
        }
    }
    IpAddr::V4(Ipv4Addr::LOCALHOST)
}

/// 128 random bits, as 26 lowercase base-32 letters and digits: short
/// enough to type, long enough that nobody guesses it.
pub fn new_token() -> std::io::Result<String> {
    Ok(base32(&random_bytes::<16>()?))
}

/// A device cookie's value: 128 random bits as 32 hex digits.
fn new_cookie() -> std::io::Result<String> {
    Ok(random_bytes::<16>()?.iter().map(|b| format!("{b:02x}")).collect())
}

fn random_bytes<const N: usize>() -> std::io::Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|error| std::io::Error::other(error.to_string()))?;
    Ok(bytes)
}

fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// A running voting server. Dropping it closes voting without waiting:
/// the pages are told for [`CLOSING_GRACE`], then the thread ends and the
/// port closes.
pub struct VoteServer {
    url: String,
    address: SocketAddr,
    control: Sender<Message>,
    events: Receiver<Event>,
    server: Arc<Server>,
    thread: Option<JoinHandle<()>>,
}

enum Message {
    Control(Control),
    /// Stop; with `grace`, first tell the pages for [`CLOSING_GRACE`].
    Stop {
        grace: bool,
    },
}

/// After voting closes, how long the server still answers, only to say
/// `open: false`: every page polls within a second, so each shows "Voting
/// is closed" at once instead of waiting out failed polls.
pub const CLOSING_GRACE: Duration = Duration::from_millis(2500);

impl VoteServer {
    /// Starts serving `known` indicators. `bind` is `--vote-bind`'s
    /// address; without one, the room network's on a free port.
    pub fn start(
        bind: Option<SocketAddr>,
        limits: Limits,
        known: Vec<(usize, String)>,
        repaint: Option<Repaint>,
    ) -> std::io::Result<Self> {
        let bind = bind.unwrap_or_else(|| SocketAddr::new(room_address(), 0));
        let server = Server::http(bind).map_err(|error| std::io::Error::other(error.to_string()))?;
        let address = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| std::io::Error::other("the voting server has no IP address"))?;
        let shown = if address.ip().is_unspecified() {
            SocketAddr::new(room_address(), address.port())
        } else {
            address
        };
        let token = new_token()?;
        let url = format!("http://{shown}/v/{token}");
        let server = Arc::new(server);
        let (control, control_rx) = channel();
        let (events_tx, events) = channel();
        let worker = Worker {
            server: server.clone(),
            token,
            room: Room::new(limits, known),
            limiter: RateLimiter::default(),
            started: Instant::now(),
            control: control_rx,
            events: events_tx,
            repaint,
            last_tally: None,
            last_sent: None,
            pending: false,
            closing_until: None,
        };
        let thread = std::thread::Builder::new().name("voting".into()).spawn(move || worker.run())?;
        Ok(Self { url, address, control, events, server, thread: Some(thread) })
    }

    /// The full address, token included.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn send(&self, control: Control) {
        let _ = self.control.send(Message::Control(control));
    }

    /// What the room did since the last call; never waits.
    pub fn events(&self) -> Vec<Event> {
        self.events.try_iter().collect()
    }

    /// Stops and waits for the thread (tests; the app just drops it).
    pub fn stop_and_wait(mut self) {
        let _ = self.control.send(Message::Stop { grace: false });
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    fn stop(&self) {
        let _ = self.control.send(Message::Stop { grace: true });
    }
}

impl Drop for VoteServer {
    fn drop(&mut self) {
        self.stop();
    }
}

struct Worker {
    server: Arc<Server>,
    token: String,
    room: Room,
    limiter: RateLimiter,
    started: Instant,
    control: Receiver<Message>,
    events: Sender<Event>,
    repaint: Option<Repaint>,
    last_tally: Option<Tally>,
    last_sent: Option<Instant>,
    /// A changed tally waits for the next tenth of a second.
    pending: bool,
    /// Voting closed: the server ends at this time.
    closing_until: Option<Instant>,
}

/// The most often the window is told of new votes.
const TALLY_INTERVAL: Duration = Duration::from_millis(100);

impl Worker {
    fn run(mut self) {
        loop {
            if !self.take_controls() {
                break;
            }
            if self.closing_until.is_some_and(|until| Instant::now() >= until) {
                break;
            }
            match self.server.recv_timeout(Duration::from_millis(50)) {
                Ok(Some(first)) => {
                    self.handle(first);
                    // The rest of the batch, without waiting.
                    while let Ok(Some(next)) = self.server.try_recv() {
                        self.handle(next);
                    }
                }
                Ok(None) => {}
                Err(_) => break,
            }
            self.report();
        }
        // The port closes as the server drops with this thread; pages
        // that missed the grace learn it from failed polls.
    }

    /// Applies the window's messages; false once told to stop now.
    fn take_controls(&mut self) -> bool {
        loop {
            match self.control.try_recv() {
                // Closing: nothing the window says changes the room now.
                Ok(Message::Control(_)) if self.closing_until.is_some() => {}
                Ok(Message::Control(control)) => self.apply(control),
                Ok(Message::Stop { grace: false }) => return false,
                Ok(Message::Stop { grace: true }) => self.begin_closing(),
                // The window's side is gone (dropped after its Stop).
                Err(TryRecvError::Disconnected) => {
                    self.begin_closing();
                    return true;
                }
                Err(TryRecvError::Empty) => return true,
            }
        }
    }

    fn begin_closing(&mut self) {
        if self.closing_until.is_none() {
            self.room.close();
            self.closing_until = Some(Instant::now() + CLOSING_GRACE);
        }
    }

    fn apply(&mut self, control: Control) {
        match control {
            Control::Focus(focus) => self.room.set_focus(focus),
            Control::Known(known) => self.room.set_known(known),
            Control::Reveal => {
                if let Some((focus, spread)) = self.room.reveal() {
                    // The revealed tally goes first, so the window never
                    // holds the saved spread beside a tally that still
                    // says "hidden" (it would show the votes as hidden
                    // until the next tally came).
                    let tally = self.room.tally();
                    self.pending = false;
                    self.last_sent = Some(Instant::now());
                    self.last_tally = Some(tally.clone());
                    let _ = self.events.send(Event::Tally(tally));
                    let _ = self.events.send(Event::Revealed { focus, spread });
                    if let Some(repaint) = &self.repaint {
                        repaint();
                    }
                }
            }
            Control::Clear => self.room.clear_focused(),
        }
    }

    /// Sends the tally when it changed, at most every [`TALLY_INTERVAL`].
    fn report(&mut self) {
        let tally = self.room.tally();
        if self.last_tally.as_ref() != Some(&tally) {
            self.pending = true;
        }
        let due = self.last_sent.is_none_or(|at| at.elapsed() >= TALLY_INTERVAL);
        if self.pending && due {
            self.pending = false;
            self.last_sent = Some(Instant::now());
            self.last_tally = Some(tally.clone());
            let _ = self.events.send(Event::Tally(tally));
            if let Some(repaint) = &self.repaint {
                repaint();
            }
        }
    }

    fn handle(&mut self, mut request: Request) {
        let response = self.answer(&mut request);
        let _ = request.respond(response);
    }

    fn answer(&mut self, request: &mut Request) -> Response<std::io::Cursor<Vec<u8>>> {
        let route = request::route(request.method().as_str(), request.url(), &self.token);
        if route == Route::NotFound {
            return empty(404);
        }
        let address = request.remote_addr().map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |a| a.ip());
        if !self.limiter.allow(self.room.limits(), address, self.started.elapsed()) {
            return text(429, "too many requests; slow down");
        }
        let cookie = header(request, "Cookie").and_then(request::device_cookie).map(str::to_owned);
        let device = self.room.device(cookie.as_deref());
        match route {
            Route::Page => {
                // Opening the page joins the room.
                let set_cookie = match device {
                    Some(_) => None,
                    None => match self.join() {
                        Ok((_, cookie)) => Some(cookie),
                        Err(response) => return response,
                    },
                };
                let mut response = Response::from_data(PAGE.as_bytes().to_vec())
                    .with_header(static_header("Content-Type", "text/html; charset=utf-8"))
                    .with_header(static_header(
                        "Content-Security-Policy",
                        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
                    ));
                if let Some(cookie) = set_cookie {
                    response = response.with_header(self.cookie_header(&cookie));
                }
                with_common_headers(response)
            }
            Route::State => {
                let body = request::state_json(&self.room.view(device));
                with_common_headers(
                    Response::from_data(body.into_bytes())
                        .with_header(static_header("Content-Type", "application/json")),
                )
            }
            Route::Vote => self.vote(request, device),
            Route::WrongMethod => text(405, "method not allowed"),
            Route::NotFound => empty(404),
        }
    }

    /// A new device, and the cookie that names it from now on.
    fn join(&mut self) -> Result<(super::Device, String), Response<std::io::Cursor<Vec<u8>>>> {
        let cookie = new_cookie().map_err(|_| text(500, "no randomness"))?;
        match self.room.join(cookie.clone()) {
            Ok(device) => Ok((device, cookie)),
            Err(full) => Err(text(503, &full.to_string())),
        }
    }

    fn cookie_header(&self, cookie: &str) -> Header {
        let value = format!(
            "{DEVICE_COOKIE}={cookie}; Path=/v/{}; HttpOnly; SameSite=Strict; Max-Age=43200",
            self.token
        );
        Header::from_bytes("Set-Cookie", value).unwrap_or_else(|_| static_header("X-Cookie", "none"))
    }

    fn vote(
        &mut self,
        request: &mut Request,
        device: Option<super::Device>,
    ) -> Response<std::io::Cursor<Vec<u8>>> {
        let max = self.room.limits().max_body_bytes;
        // Only bodies of a declared length are read: tiny_http has read
        // those of up to 1 KB already, so a slow client cannot hold this
        // thread; a larger or unannounced one is refused unread.
        let Some(length) = request.body_length() else {
            return if header(request, "Transfer-Encoding").is_some() {
                text(411, "send a Content-Length")
            } else {
                text(400, "no body")
            };
        };
        if length > max {
            return text(413, "the body is larger than 1 KB")
                .with_header(static_header("Connection", "close"));
        }
        let mut body = Vec::with_capacity(length);
        if request.as_reader().take(max as u64 + 1).read_to_end(&mut body).is_err() || body.len() > max {
            return text(413, "the body is larger than 1 KB");
        }
        let form = match request::parse_vote(header(request, "Content-Type"), &body) {
            Ok(form) => form,
            Err(error) => return text(400, &error.to_string()),
        };
        let refused = |refusal: VoteRefused| match refusal {
            VoteRefused::UnknownIndicator => 400,
            VoteRefused::NotFocused | VoteRefused::Revealed | VoteRefused::Closed => 409,
        };
        // Refused before a new device joins: a bad vote takes no place.
        if let Err(refusal) = self.room.check(&form.indicator) {
            return text(refused(refusal), "vote not taken");
        }
        let (device, set_cookie) = match device {
            Some(device) => (device, None),
            None => match self.join() {
                Ok((device, cookie)) => (device, Some(cookie)),
                Err(response) => return response,
            },
        };
        let status = match self.room.vote(device, &form.indicator, form.answer) {
            Ok(()) => 204,
            Err(refusal) => refused(refusal),
        };
        let mut response = if status == 204 { empty(204) } else { text(status, "vote not taken") };
        if let Some(cookie) = set_cookie {
            response = response.with_header(self.cookie_header(&cookie));
        }
        response
    }
}

fn header<'a>(request: &'a Request, name: &'static str) -> Option<&'a str> {
    request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str())
}

fn static_header(name: &'static str, value: &'static str) -> Header {
    // Both are ASCII constants of this file; from_bytes fails only on non-ASCII.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("an ASCII header")
}

fn with_common_headers(response: Response<std::io::Cursor<Vec<u8>>>) -> Response<std::io::Cursor<Vec<u8>>> {
    response
        .with_header(static_header("Cache-Control", "no-store"))
        .with_header(static_header("X-Content-Type-Options", "nosniff"))
        .with_header(static_header("Referrer-Policy", "no-referrer"))
}

/// A status with no body at all (404 says nothing).
fn empty(status: u16) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(Vec::new()).with_status_code(status)
}

fn text(status: u16, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(message.as_bytes().to_vec())
        .with_status_code(status)
        .with_header(static_header("Content-Type", "text/plain; charset=utf-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_26_letters_of_128_bits() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_eq!(a.len(), 26);
        assert_ne!(a, b);
        assert!(a.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
        assert_eq!(base32(&[0xff; 16]).len(), 26);
    }

    #[test]
    fn method_is_only_get_or_post() {
        // tiny_http's method names, as the router compares them.
        assert_eq!(tiny_http::Method::Get.as_str(), "GET");
        assert_eq!(tiny_http::Method::Post.as_str(), "POST");
    }
}
