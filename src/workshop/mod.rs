//! A workshop: the answers, notes, levels and actions of one team, how
//! answers become levels, and every change as an undoable edit.

pub mod clock;
mod edit;
pub mod file;
pub mod sample;
mod scoring;
#[cfg(test)]
pub(crate) mod scoring_fixtures;
mod types;

pub use edit::{Edit, EditableWorkshop};
pub use scoring::{LevelProgress, SUGGESTION_RULE};
pub use types::{
    Action, Answer, Assessment, Horizon, LevelOverride, OrphanedAnswer, Workshop, WorkshopDetails,
};

/// The workshop file format this build writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
