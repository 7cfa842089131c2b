//! The room during a vote: which devices joined, the hidden ballots on the
//! indicator being discussed, and what has been revealed. Plain data: the
//! server thread owns one, the UI learns of it through messages.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::time::Duration;

use super::Spread;
use crate::workshop::Answer;

/// What one room allows. The defaults are the issue's: 300 devices, bodies
/// of 1 KB, and a rate per address that a phone polling every second and
/// voting never reaches.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    pub max_devices: usize,
    pub max_body_bytes: usize,
    /// Requests per second one address may keep up.
    pub requests_per_second: f64,
    /// Requests one address may send at once before the rate applies.
    pub burst: f64,
    /// Addresses the rate limiter remembers; past that, idle ones go.
    pub max_addresses: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_devices: 300,
            max_body_bytes: 1024,
            requests_per_second: 10.0,
            burst: 40.0,
            max_addresses: 4096,
        }
    }
}

/// The indicator the facilitator has on screen, as the room votes on it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Focus {
    /// Index of the model in the workshop: two models may share an id.
    pub model: usize,
    pub indicator_id: String,
    pub statement: String,
}

/// A device is a number given when it first joined; its cookie maps to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Device(u32);

#[derive(Clone, Debug, Default)]
struct Round {
    ballots: HashMap<Device, Answer>,
    /// Set at the reveal; the round is then closed.
    revealed: Option<Spread>,
}

impl Round {
    fn spread(&self) -> Spread {
        let mut spread = Spread::default();
        for answer in self.ballots.values() {
            spread.add(*answer);
        }
        spread
    }
}

/// Why a vote was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VoteRefused {
    #[error("no such indicator")]
    UnknownIndicator,
    #[error("the room is voting on another indicator")]
    NotFocused,
    #[error("the votes on this indicator are revealed")]
    Revealed,
    #[error("voting is closed")]
    Closed,
}

/// The room is full: no new device may join.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the room is full ({0} devices)")]
pub struct RoomFull(pub usize);

/// What the facilitator sees: how many joined and voted, never who voted what.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub devices: usize,
    /// The focused indicator, with the votes cast on it so far.
    pub focus: Option<(usize, String)>,
    pub voted: usize,
    /// The focused indicator's votes are revealed.
    pub revealed: bool,
}

/// What a device is shown (the page's `state`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceView {
    pub focus: Option<Focus>,
    pub open: bool,
    pub revealed: bool,
    pub spread: Option<Spread>,
    pub devices: usize,
    /// This device's own vote on the focused indicator, so a reloaded page
    /// shows it.
    pub vote: Option<Answer>,
}

#[derive(Debug)]
pub struct Room {
    limits: Limits,
    open: bool,
    focus: Option<Focus>,
    /// Every indicator id in the workshop, per model: ids not here are
    /// unknown (400), known ones not focused are refused as moved on (409).
    known: HashSet<(usize, String)>,
    devices: HashMap<String, Device>,
    rounds: HashMap<(usize, String), Round>,
}

impl Room {
    pub fn new(limits: Limits, known: impl IntoIterator<Item = (usize, String)>) -> Self {
        Self {
            limits,
            open: true,
            focus: None,
            known: known.into_iter().collect(),
            devices: HashMap::new(),
            rounds: HashMap::new(),
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    pub fn set_known(&mut self, known: impl IntoIterator<Item = (usize, String)>) {
        self.known = known.into_iter().collect();
    }

    pub fn focus(&self) -> Option<&Focus> {
        self.focus.as_ref()
    }

    pub fn set_focus(&mut self, focus: Option<Focus>) {
        self.focus = focus;
    }

    pub fn close(&mut self) {
        self.open = false;
    }

    pub fn device_count(&self) -> usize {
        self.devices.len()
    }

    /// The device behind a cookie, if it joined.
    pub fn device(&self, cookie: Option<&str>) -> Option<Device> {
        cookie.and_then(|c| self.devices.get(c)).copied()
    }

    /// Joins a new device under `cookie` (random, made by the server).
    pub fn join(&mut self, cookie: String) -> Result<Device, RoomFull> {
        if let Some(device) = self.devices.get(&cookie) {
            return Ok(*device);
        }
        if self.devices.len() >= self.limits.max_devices {
            return Err(RoomFull(self.limits.max_devices));
        }
        let device = Device(self.devices.len() as u32);
        self.devices.insert(cookie, device);
        Ok(device)
    }

    /// Would a vote on `indicator_id` be taken now? Checked before a new
    /// device joins, so a refused request never takes a place in the room.
    pub fn check(&self, indicator_id: &str) -> Result<(), VoteRefused> {
        if !self.open {
            return Err(VoteRefused::Closed);
        }
        let focused = self.focus.as_ref().filter(|f| f.indicator_id == indicator_id);
        let Some(focus) = focused else {
            return Err(if self.is_known(indicator_id) {
                VoteRefused::NotFocused
            } else {
                VoteRefused::UnknownIndicator
            });
        };
        match self.rounds.get(&(focus.model, focus.indicator_id.clone())) {
            Some(round) if round.revealed.is_some() => Err(VoteRefused::Revealed),
            _ => Ok(()),
        }
    }

    /// A device's vote on the focused indicator; a second vote replaces the
    /// first until the reveal.
    pub fn vote(&mut self, device: Device, indicator_id: &str, answer: Answer) -> Result<(), VoteRefused> {
        self.check(indicator_id)?;
        let Some(focus) = &self.focus else { return Err(VoteRefused::NotFocused) };
        let round = self.rounds.entry((focus.model, focus.indicator_id.clone())).or_default();
        round.ballots.insert(device, answer);
        Ok(())
    }

    fn is_known(&self, indicator_id: &str) -> bool {
        self.known.iter().any(|(_, id)| id == indicator_id)
    }

    /// Closes the focused indicator's round and hands back its spread;
    /// `None` when nothing is focused or it was revealed already (a second
    /// reveal never counts the same votes twice).
    pub fn reveal(&mut self) -> Option<(Focus, Spread)> {
        let focus = self.focus.clone()?;
        let round = self.rounds.entry((focus.model, focus.indicator_id.clone())).or_default();
        if round.revealed.is_some() {
            return None;
        }
        let spread = round.spread();
        round.revealed = Some(spread);
        Some((focus, spread))
    }

    /// Forgets the focused indicator's round, so the room can vote on it
    /// again.
    pub fn clear_focused(&mut self) {
        if let Some(focus) = &self.focus {
            self.rounds.remove(&(focus.model, focus.indicator_id.clone()));
        }
    }

    fn focused_round(&self) -> Option<&Round> {
        let focus = self.focus.as_ref()?;
        self.rounds.get(&(focus.model, focus.indicator_id.clone()))
    }

    pub fn tally(&self) -> Tally {
        let round = self.focused_round();
        Tally {
            devices: self.devices.len(),
            focus: self.focus.as_ref().map(|f| (f.model, f.indicator_id.clone())),
            voted: round.map_or(0, |r| r.ballots.len()),
            revealed: round.is_some_and(|r| r.revealed.is_some()),
        }
    }

    pub fn view(&self, device: Option<Device>) -> DeviceView {
        let round = self.focused_round();
        let revealed = round.and_then(|r| r.revealed);
        DeviceView {
            focus: self.focus.clone(),
            open: self.open,
            revealed: revealed.is_some(),
            spread: revealed,
            devices: self.devices.len(),
            vote: device.and_then(|d| round.and_then(|r| r.ballots.get(&d).copied())),
        }
    }
}

/// A token bucket per client address: `burst` requests at once, then
/// `requests_per_second`.
#[derive(Debug, Default)]
pub struct RateLimiter {
    buckets: HashMap<IpAddr, (f64, Duration)>,
}

impl RateLimiter {
    /// May `address` send a request at `now` (time since any fixed start)?
    pub fn allow(&mut self, limits: &Limits, address: IpAddr, now: Duration) -> bool {
        if self.buckets.len() >= limits.max_addresses && !self.buckets.contains_key(&address) {
            // Addresses whose bucket has refilled are as good as new.
            self.buckets.retain(|_, (tokens, at)| {
                let refilled = *tokens + now.saturating_sub(*at).as_secs_f64() * limits.requests_per_second;
                refilled < limits.burst
            });
            if self.buckets.len() >= limits.max_addresses {
                return false;
            }
        }
        let (tokens, at) = self.buckets.entry(address).or_insert((limits.burst, now));
        let elapsed = now.saturating_sub(*at).as_secs_f64();
        *tokens = (*tokens + elapsed * limits.requests_per_second).min(limits.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn focus(id: &str) -> Focus {
        Focus { model: 0, indicator_id: id.into(), statement: format!("statement {id}") }
    }

    fn room() -> Room {
        let mut room = Room::new(Limits::default(), [(0, "a".to_owned()), (0, "b".to_owned())]);
        room.set_focus(Some(focus("a")));
        room
    }

    #[test]
    fn a_device_changes_its_vote_until_the_reveal() {
        let mut room = room();
        let one = room.join("c1".into()).unwrap();
        let two = room.join("c2".into()).unwrap();
        assert_eq!(room.join("c1".into()), Ok(one), "the same cookie is the same device");
        room.vote(one, "a", Answer::Yes).unwrap();
        room.vote(one, "a", Answer::No).unwrap();
        room.vote(two, "a", Answer::No).unwrap();
        assert_eq!(
            room.tally(),
            Tally { devices: 2, focus: Some((0, "a".into())), voted: 2, revealed: false }
        );
        assert_eq!(room.view(Some(one)).spread, None, "hidden until the reveal");
        assert_eq!(room.view(Some(one)).vote, Some(Answer::No));
        let (_, spread) = room.reveal().unwrap();
        assert_eq!(spread, Spread { no: 2, ..Spread::default() });
        assert_eq!(room.reveal(), None, "a second reveal counts nothing twice");
        assert_eq!(room.vote(one, "a", Answer::Yes), Err(VoteRefused::Revealed));
        assert_eq!(room.view(None).spread, Some(spread));
        room.clear_focused();
        room.vote(one, "a", Answer::Yes).unwrap();
        assert_eq!(room.reveal().unwrap().1, Spread { yes: 1, ..Spread::default() });
    }

    #[test]
    fn votes_only_on_the_focused_indicator() {
        let mut room = room();
        let one = room.join("c1".into()).unwrap();
        assert_eq!(room.vote(one, "b", Answer::Yes), Err(VoteRefused::NotFocused));
        assert_eq!(room.vote(one, "zzz", Answer::Yes), Err(VoteRefused::UnknownIndicator));
        room.set_focus(None);
        assert_eq!(room.vote(one, "a", Answer::Yes), Err(VoteRefused::NotFocused));
        room.close();
        assert_eq!(room.vote(one, "a", Answer::Yes), Err(VoteRefused::Closed));
    }

    #[test]
    fn the_room_holds_at_most_the_limit() {
        let limits = Limits { max_devices: 3, ..Limits::default() };
        let mut room = Room::new(limits, []);
        for n in 0..3 {
            room.join(format!("c{n}")).unwrap();
        }
        assert_eq!(room.join("c9".into()), Err(RoomFull(3)));
        assert!(room.join("c1".into()).is_ok(), "those inside stay inside");
    }

    #[test]
    fn the_rate_limiter_allows_a_burst_then_the_rate() {
        let limits = Limits { burst: 3.0, requests_per_second: 2.0, max_addresses: 2, ..Limits::default() };
        let mut limiter = RateLimiter::default();
        let a: IpAddr = [10, 0, 0, 1].into();
        let at = Duration::from_secs(100);
        assert!((0..3).all(|_| limiter.allow(&limits, a, at)));
        assert!(!limiter.allow(&limits, a, at));
        assert!(limiter.allow(&limits, a, at + Duration::from_millis(500)));
        // The table is bounded: a third address waits until one is idle.
        let b: IpAddr = [10, 0, 0, 2].into();
        let c: IpAddr = [10, 0, 0, 3].into();
        assert!(limiter.allow(&limits, b, at));
        assert!(!limiter.allow(&limits, c, at));
        assert!(limiter.allow(&limits, c, at + Duration::from_secs(10)));
    }
}
