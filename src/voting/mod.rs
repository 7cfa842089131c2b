//! The room votes (issue 11): participants answer the focused indicator
//! from their phones over the room's network; the facilitator reveals the
//! spread together.
//!
//! The domain here knows nothing of egui or of the network: the spread and
//! what it suggests (`spread`), the room during a vote with its limits
//! (`room`), and the requests of the voting API (`request`). The HTTP
//! server that moves the bytes is `server`, on a thread of its own; the
//! window learns of votes through a channel.

mod request;
mod room;
#[cfg(feature = "app")]
pub mod server;
mod spread;

pub use request::{
    BadVote, DEVICE_COOKIE, Route, VoteForm, answer_word, device_cookie, parse_answer, parse_bind,
    parse_vote, route, state_json,
};
pub use room::{Device, DeviceView, Focus, Limits, RateLimiter, Room, RoomFull, Tally, VoteRefused};
pub use spread::{MAX_COUNT, Spread};

/// The voting page: one self-contained file (no external scripts, fonts
/// or styles), served from the binary.
pub const PAGE: &str = include_str!("page.html");
