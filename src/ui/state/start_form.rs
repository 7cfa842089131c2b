//! The new-workshop form on the start screen, typed into directly.

use crate::workshop::{clock, timebox};

/// Names typed one per line or separated by commas.
pub fn split_names(text: &str) -> Vec<String> {
    text.split([',', '\n']).map(str::trim).filter(|name| !name.is_empty()).map(str::to_owned).collect()
}

/// The new-workshop form on the start screen.
#[derive(Clone, Debug, Default)]
pub struct StartForm {
    pub team: String,
    pub facilitator: String,
    /// One name per line or separated by commas.
    pub participants: String,
    pub date: String,
    /// Ids of the models picked for the workshop.
    pub picked: Vec<String>,
    /// The workshop's length: minutes, or hours:minutes; blank for none.
    pub time: String,
}

impl StartForm {
    pub fn participants(&self) -> Vec<String> {
        split_names(&self.participants)
    }

    /// Why the workshop cannot be created yet, if it cannot.
    pub fn blocker(&self) -> Option<&'static str> {
        if self.team.trim().is_empty() {
            Some("Enter the team's name.")
        } else if self.picked.is_empty() {
            Some("Pick at least one model.")
        } else if !self.date.is_empty() && !clock::is_iso_date(self.date.trim()) {
            Some("Write the date as YYYY-MM-DD.")
        } else {
            timebox::parse_planned(&self.time).err()
        }
    }
}
