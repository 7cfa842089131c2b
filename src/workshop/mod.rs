//! A workshop: the answers, notes, levels and actions of one team, how
//! answers become levels, and every change as an undoable edit.

pub mod clock;
mod edit;
pub mod file;
mod migrate;
pub mod sample;
mod scoring;
#[cfg(test)]
pub(crate) mod scoring_fixtures;
pub mod timebox;
mod types;
mod upgrade;
pub mod validate;

pub use edit::{Edit, EditableWorkshop};
pub use scoring::{LevelProgress, SUGGESTION_RULE};
pub use timebox::{LevelTime, Pace, TimeBox, TimeSlot, Timer};
pub use types::{
    Action, Answer, Assessment, Horizon, LevelOverride, OrphanedAnswer, OrphanedLevel, Workshop,
    WorkshopDetails,
};
pub use upgrade::{ModelDrift, UpgradeReport, detect_drift, upgrade_assessment, upgrade_edit};

/// The workshop file format this build writes, and the newest it reads.
/// Every older version is still read and migrated on load (`src/workshop/migrate.rs`):
///
/// - 1: participants were one comma-separated string; no `created` timestamp.
/// - 2: participants are a list, one name each (names may hold commas);
///   `created` records when the workshop was started.
/// - 3: an optional `timebox`: the planned length of the workshop and the
///   seconds spent on each level (issue 9). Version 2 files have none.
///   Also optional in 3: an assessment's `votes`, the room's spread per
///   indicator (issue 11); files without it read as before.
///
/// Bump it whenever a file written by this build could not be read by the
/// previous one, and add the old shape to `migrate.rs`.
pub const FORMAT_VERSION: u32 = 3;
