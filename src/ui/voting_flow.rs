//! Runs the voting server for the app: opens and closes it, tells it what
//! the facilitator has on screen, and applies what the room did. Called
//! once per frame; never waits on the network (the server's messages are
//! read with `try_recv`).

use std::net::SocketAddr;
use std::sync::Arc;

use super::WorkshopApp;
use super::state::{Command, Notice};
use super::voting::{Qr, VotingStatus, known_indicators, room_focus};
use crate::voting::server::{Control, Event, VoteServer};
use crate::voting::{Limits, Tally};
use crate::workshop::Edit;

/// The running server and what it was last told.
pub(super) struct VotingRun {
    server: VoteServer,
    /// The workshop it serves; another one (or none) closes it.
    generation: u64,
    focus: Option<crate::voting::Focus>,
    known_revision: u64,
}

impl WorkshopApp {
    /// `--vote-bind`: where to listen instead of the room network.
    pub fn set_vote_bind(&mut self, bind: Option<SocketAddr>) {
        self.vote_bind = bind;
    }

    /// `--vote`: voting opens as soon as a workshop is open.
    pub fn open_voting_when_ready(&mut self) {
        self.vote_pending = true;
    }

    /// The full voting address while voting is open.
    pub fn voting_url(&self) -> Option<&str> {
        self.voting.as_ref().map(|run| run.server.url())
    }

    pub(super) fn toggle_voting(&mut self) {
        if self.voting.is_some() {
            self.close_voting();
            self.state.execute(Command::Notify(Notice::info("Voting closed.")));
        } else {
            self.open_voting();
        }
    }

    fn open_voting(&mut self) {
        let Some(session) = self.state.session() else {
            self.state.execute(Command::Notify(Notice::error("Open or start a workshop to vote on.")));
            return;
        };
        let generation = session.generation();
        let known_revision = session.revision();
        let known = known_indicators(&self.state);
        match VoteServer::start(self.vote_bind, Limits::default(), known, self.repaint.clone()) {
            Ok(server) => {
                let url = server.url().to_owned();
                let Some(qr) = Qr::new(&url).map(Arc::new) else {
                    // Never for an address this short; said, not hidden.
                    let text = format!("Voting could not start: no QR code holds {url}");
                    self.state.execute(Command::Notify(Notice::error(text)));
                    return;
                };
                // For the facilitator to copy, and for scripts to find.
                println!("voting: {url}");
                let status = VotingStatus { url: url.clone(), qr, tally: Tally::default() };
                self.state.execute(Command::VotingStatus(Some(status)));
                self.voting = Some(VotingRun { server, generation, focus: None, known_revision });
                let text = if run_local(&url) {
                    format!(
                        "Voting is open at {url}, on this laptop only: no room network was found (--vote-bind chooses an address)."
                    )
                } else {
                    format!("Voting is open at {url}: the audience window shows the code.")
                };
                self.state.execute(Command::Notify(Notice::info(text)));
            }
            Err(error) => {
                self.state
                    .execute(Command::Notify(Notice::error(format!("Voting could not start: {error}"))));
            }
        }
    }

    pub(super) fn close_voting(&mut self) {
        // Dropping the server stops it without waiting for its thread.
        self.voting = None;
        self.state.execute(Command::VotingStatus(None));
    }

    pub(super) fn voting_command(&mut self, command: &Command) {
        let Some(run) = &self.voting else {
            if *command == Command::RevealVotes {
                let text =
                    "Voting is not open: V opens it (hands counted with Ctrl+1 … Ctrl+4 show as they come).";
                self.state.execute(Command::Notify(Notice::info(text)));
            }
            return;
        };
        match command {
            Command::RevealVotes => run.server.send(Control::Reveal),
            Command::ClearVotes => run.server.send(Control::Clear),
            _ => {}
        }
    }

    /// At the start of a frame, before anything is drawn: the room's news
    /// (the server asked for this frame to show it).
    pub(super) fn voting_news(&mut self) {
        let Some(run) = &mut self.voting else { return };
        for event in run.server.events() {
            match event {
                Event::Tally(tally) => self.state.execute(Command::VotingTally(tally)),
                Event::Revealed { focus, spread } => {
                    self.state.execute(Command::Edit(Edit::AddVotes {
                        model: focus.model,
                        indicator_id: focus.indicator_id,
                        spread,
                    }));
                }
            }
        }
    }

    /// At the end of a frame, after its commands: open a pending vote,
    /// close one whose workshop went, and tell the server what is on screen.
    pub(super) fn voting_frame(&mut self) {
        let generation = self.state.session().map(|s| s.generation());
        if self.vote_pending && generation.is_some() {
            self.vote_pending = false;
            self.open_voting();
        }
        let Some(run) = &mut self.voting else { return };
        if generation != Some(run.generation) {
            self.close_voting();
            return;
        }
        let focus = room_focus(&self.state);
        if focus != run.focus {
            run.server.send(Control::Focus(focus.clone()));
            run.focus = focus;
        }
        let revision = self.state.session().map_or(0, |s| s.revision());
        if revision != run.known_revision {
            run.known_revision = revision;
            run.server.send(Control::Known(known_indicators(&self.state)));
        }
    }
}

/// The server listens on loopback: phones in the room cannot reach it.
fn run_local(url: &str) -> bool {
    url.strip_prefix("http://")
        .and_then(|rest| rest.split('/').next())
        .and_then(|host| host.parse::<SocketAddr>().ok())
        .is_some_and(|address| address.ip().is_loopback())
}
