//! A minimal HTTP/1.1 client for the voting tests: loopback only, one
//! request per connection, and raw bytes when a test needs to send what no
//! well-behaved client would.

#![allow(dead_code, reason = "each test file uses its own part")]

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::time::Duration;

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// The `mwvote=…` pair from Set-Cookie, ready for a Cookie header.
    pub fn cookie(&self) -> Option<String> {
        let value = self.header("Set-Cookie")?;
        value.split(';').next().map(str::to_owned)
    }
}

/// Only loopback: these tests never send traffic anywhere else.
fn check_loopback(address: SocketAddr) {
    assert!(address.ip().is_loopback(), "tests talk to 127.0.0.1 only, not {address}");
}

/// Connects from `source` (any 127.x.y.z: Linux routes all of 127/8 to
/// the loopback device), so simulated devices have addresses of their own.
pub fn connect(server: SocketAddr, source: Option<Ipv4Addr>) -> std::io::Result<TcpStream> {
    check_loopback(server);
    let stream = match source {
        None => TcpStream::connect_timeout(&server, Duration::from_secs(5))?,
        Some(source) => {
            assert!(source.is_loopback());
            let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)?;
            socket.bind(&SocketAddr::new(IpAddr::V4(source), 0).into())?;
            socket.connect_timeout(&server.into(), Duration::from_secs(5))?;
            socket.into()
        }
    };
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    Ok(stream)
}

/// Sends raw bytes and reads the reply (the server closes after it).
pub fn raw(server: SocketAddr, source: Option<Ipv4Addr>, bytes: &[u8]) -> std::io::Result<Reply> {
    let mut stream = connect(server, source)?;
    stream.write_all(bytes)?;
    let received = read_reply(&mut stream)?;
    parse_reply(&received).ok_or_else(|| {
        std::io::Error::other(format!("no HTTP reply: {:?}", String::from_utf8_lossy(&received)))
    })
}

/// Reads one reply: to its Content-Length, its last chunk, or the end of
/// the stream (some servers keep the connection open despite `close`).
fn read_reply(stream: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut received = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        let complete = reply_length(&received).is_some_and(|length| received.len() >= length);
        if complete {
            return Ok(received);
        }
        match stream.read(&mut buffer) {
            Ok(0) => return Ok(received),
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(error) if !received.is_empty() && error.kind() == std::io::ErrorKind::ConnectionReset => {
                return Ok(received);
            }
            Err(error) => return Err(error),
        }
    }
}

/// The whole reply's length once its head is in, when the head tells it.
fn reply_length(bytes: &[u8]) -> Option<usize> {
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&bytes[..end]).to_ascii_lowercase();
    if head.contains("transfer-encoding: chunked") {
        return bytes[end..].windows(5).position(|w| w == b"0\r\n\r\n").map(|p| end + p + 5);
    }
    let length =
        head.lines().find_map(|l| l.strip_prefix("content-length:"))?.trim().parse::<usize>().ok()?;
    Some(end + length)
}

pub fn parse_reply(bytes: &[u8]) -> Option<Reply> {
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&bytes[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = bytes[end + 4..].to_vec();
    let chunked =
        headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("Transfer-Encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body)?;
    }
    Some(Reply { status, headers, body })
}

fn dechunk(mut bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = bytes.windows(2).position(|w| w == b"\r\n")?;
        let size = usize::from_str_radix(std::str::from_utf8(&bytes[..line_end]).ok()?.trim(), 16).ok()?;
        bytes = &bytes[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(bytes.get(..size)?);
        bytes = bytes.get(size + 2..)?;
    }
}

/// A request with `Connection: close`, a cookie and a body if given.
pub fn request(
    server: SocketAddr,
    source: Option<Ipv4Addr>,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    content_type: Option<&str>,
    body: &[u8],
) -> std::io::Result<Reply> {
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\n");
    if let Some(cookie) = cookie {
        head.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    if let Some(content_type) = content_type {
        head.push_str(&format!("Content-Type: {content_type}\r\n"));
    }
    if method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    raw(server, source, &bytes)
}

pub fn get(server: SocketAddr, path: &str, cookie: Option<&str>) -> Reply {
    request(server, None, "GET", path, cookie, None, b"").unwrap()
}

pub fn vote(server: SocketAddr, path: &str, cookie: Option<&str>, indicator: &str, answer: &str) -> Reply {
    let body = format!("indicator={indicator}&answer={answer}");
    request(server, None, "POST", path, cookie, Some("application/x-www-form-urlencoded"), body.as_bytes())
        .unwrap()
}

/// The server's address and the path of its page, from the voting URL.
pub fn split_url(url: &str) -> (SocketAddr, String) {
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (host, path) = rest.split_once('/').expect("a path");
    (host.parse().expect("an address"), format!("/{path}"))
}
