//! Older workshop formats, read as they were written and brought up to the
//! current shape. Each old format keeps its own structs here, so changing
//! today's types never changes how an old file is read.

use serde::Deserialize;

use super::FORMAT_VERSION;
use super::timebox::TimeBox;
use super::types::{Action, Assessment, Workshop, WorkshopDetails};

/// Format version 1: participants were one comma-separated string, and the
/// file had no `created` timestamp. Assessments and actions had today's
/// shape.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Workshop")]
pub(super) struct WorkshopV1 {
    #[allow(dead_code, reason = "checked by the version probe before this is read")]
    format_version: u32,
    details: DetailsV1,
    assessments: Vec<Assessment>,
    #[serde(default)]
    general_notes: String,
    #[serde(default)]
    actions: Vec<Action>,
    modified: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "WorkshopDetails")]
struct DetailsV1 {
    team: String,
    #[serde(default)]
    facilitator: String,
    /// `"Ana, Ben, Chloé"`.
    #[serde(default)]
    participants: String,
    #[serde(default)]
    date: String,
}

impl From<WorkshopV1> for Workshop {
    fn from(old: WorkshopV1) -> Self {
        let participants = old
            .details
            .participants
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .collect();
        Workshop {
            format_version: FORMAT_VERSION,
            details: WorkshopDetails {
                team: old.details.team,
                facilitator: old.details.facilitator,
                participants,
                date: old.details.date,
            },
            assessments: old.assessments,
            general_notes: old.general_notes,
            actions: old.actions,
            timebox: TimeBox::default(),
            // The earliest moment the file vouches for; inventing an older
            // one would claim knowledge we do not have.
            created: old.modified.clone(),
            modified: old.modified,
        }
    }
}

/// Format version 2: today's shape without the time-box. Read with its own
/// struct so that a version 2 file naming a `timebox` is refused, as
/// version 2 would have refused it.
#[derive(Debug, Deserialize)]
// Messages name the struct: the facilitator's file holds a workshop.
#[serde(deny_unknown_fields, rename = "Workshop")]
pub(super) struct WorkshopV2 {
    #[allow(dead_code, reason = "checked by the version probe before this is read")]
    format_version: u32,
    details: WorkshopDetails,
    assessments: Vec<Assessment>,
    #[serde(default)]
    general_notes: String,
    #[serde(default)]
    actions: Vec<Action>,
    created: String,
    modified: String,
}

impl From<WorkshopV2> for Workshop {
    fn from(old: WorkshopV2) -> Self {
        Workshop {
            format_version: FORMAT_VERSION,
            details: old.details,
            assessments: old.assessments,
            general_notes: old.general_notes,
            actions: old.actions,
            // No time was planned or recorded before version 3.
            timebox: TimeBox::default(),
            created: old.created,
            modified: old.modified,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ron_options;

    #[test]
    fn participants_split_on_commas_and_created_is_the_last_modification() {
        let text = r#"(
            format_version: 1,
            details: (team: "Core", participants: " Ana Müller,Ben ,, Έλενα "),
            assessments: [],
            modified: "2024-03-01T10:00:00Z",
        )"#;
        let old: WorkshopV1 = ron_options().from_str(text).unwrap();
        let workshop = Workshop::from(old);
        assert_eq!(workshop.details.participants, ["Ana Müller", "Ben", "Έλενα"]);
        assert_eq!(workshop.created, "2024-03-01T10:00:00Z");
        assert_eq!(workshop.format_version, FORMAT_VERSION);
    }

    #[test]
    fn version_two_gains_an_empty_time_box() {
        let text = r#"(
            format_version: 2,
            details: (team: "Core", participants: ["Ana, the lead", "Ben"]),
            assessments: [],
            actions: [(title: "Ship it")],
            created: "2024-03-01T09:00:00Z",
            modified: "2024-03-01T10:00:00Z",
        )"#;
        let old: WorkshopV2 = ron_options().from_str(text).unwrap();
        let workshop = Workshop::from(old);
        assert_eq!(workshop.details.participants, ["Ana, the lead", "Ben"]);
        assert_eq!(workshop.actions[0].title, "Ship it");
        assert!(workshop.timebox.is_empty());
        assert_eq!(
            (workshop.created.as_str(), workshop.modified.as_str()),
            ("2024-03-01T09:00:00Z", "2024-03-01T10:00:00Z")
        );
        assert_eq!(workshop.format_version, FORMAT_VERSION);
    }
}
