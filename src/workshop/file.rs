//! The workshop file format: RON with a `format_version`, self-contained
//! (each model used is copied in), readable years later on another machine.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};

use super::migrate::{WorkshopV1, WorkshopV2};
use super::validate::validate_workshop;
use super::{FORMAT_VERSION, Workshop};
use crate::model::ron_options;
use crate::problem::{Problem, Problems, decode_text, position_of_offset, ron_problem};

/// Workshop files end in this.
pub const WORKSHOP_EXTENSION: &str = "workshop.ron";

/// Workshop files larger than this are refused before parsing.
pub const MAX_WORKSHOP_FILE_BYTES: usize = 64 * 1024 * 1024;

/// A workshop as read from a file, with what had to be done to read it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedWorkshop {
    pub workshop: Workshop,
    /// The file's format version when it was older than this build's.
    pub migrated_from: Option<u32>,
}

pub fn workshop_to_ron(workshop: &Workshop) -> Result<String, ron::Error> {
    let pretty = ron::ser::PrettyConfig::new().struct_names(false).indentor("    ").new_line("\n");
    let mut text = ron_options().to_string_pretty(workshop, pretty)?;
    text.push('\n');
    Ok(text)
}

/// Only the version, read before the rest so that a newer file is refused
/// with a message that says so rather than a confusing field error, and an
/// older one is read with the structs of its own format.
#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

/// The `format_version` a workshop text declares, when it can be read.
///
/// Reading stops as soon as the version has been read (it is the first
/// field of every file this app writes), rather than going through the
/// rest of a file that may hold hundreds of kilobytes of model text: the
/// full read comes next anyway. A file whose version cannot be found this
/// way falls back to a read of the whole text.
pub fn format_version(text: &str) -> Option<u32> {
    let found = std::cell::Cell::new(None);
    let mut deserializer = ron::Deserializer::from_str_with_options(text, &ron_options()).ok()?;
    let _ = serde::de::DeserializeSeed::deserialize(EarlyVersion(&found), &mut deserializer);
    found
        .get()
        .or_else(|| ron_options().from_str::<VersionProbe>(text).ok().map(|probe| probe.format_version))
}

/// Reads a workshop's fields until `format_version`, then stops with an
/// error on purpose, the version kept in the cell.
struct EarlyVersion<'a>(&'a std::cell::Cell<Option<u32>>);

impl<'de> serde::de::DeserializeSeed<'de> for EarlyVersion<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_struct("Workshop", &["format_version"], self)
    }
}

impl<'de> serde::de::Visitor<'de> for EarlyVersion<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a workshop")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "format_version" {
                self.0.set(Some(map.next_value::<u32>()?));
                return Err(A::Error::custom("found the version"));
            }
            map.next_value::<serde::de::IgnoredAny>()?;
        }
        Ok(())
    }
}

/// Stands in for the version in a second read whose only purpose is to
/// fail at the version's number, so the refusal points at it.
struct VersionHere;

impl<'de> Deserialize<'de> for VersionHere {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        u32::deserialize(deserializer)?;
        Err(D::Error::custom("here"))
    }
}

#[derive(Deserialize)]
struct VersionLocator {
    #[allow(dead_code, reason = "never holds a value: reading it always fails")]
    format_version: VersionHere,
}

fn refusal(file: &str, text: &str, version: u32) -> Problem {
    let (line, column) = match ron_options().from_str::<VersionLocator>(text) {
        Err(error) => (error.span.start.line, error.span.start.col),
        Ok(_) => (1, 1),
    };
    let message = if version == 0 {
        "format version 0 does not exist; the first workshop format is version 1".to_owned()
    } else {
        format!(
            "this workshop was written in format version {version}, newer than this app reads ({FORMAT_VERSION}); update Maturity Workshop to open it"
        )
    };
    Problem { file: file.to_owned(), line, column, message }
}

fn parse_as<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Problems> {
    ron_options().from_str(text).map_err(|error| {
        let mut problem = ron_problem(file, &error);
        if is_cut_short(text, &error) {
            problem.message.push_str(" (the file ends too early, as if cut short)");
        }
        Problems::single(problem)
    })
}

/// A file that stops mid-way (a copy interrupted, a disk that filled up
/// under another program) fails at its very end, or in a string that never
/// closes. Saying so points the facilitator to `FILE.bak` instead of to a
/// bracket they did not write.
fn is_cut_short(text: &str, error: &ron::error::SpannedError) -> bool {
    let end = position_of_offset(text, text.trim_end().len());
    // The span's end: an error about the last word of a cut file (a field
    // name with no colon after it) starts before the end but reaches it.
    let at = (error.span.end.line, error.span.end.col);
    matches!(error.code, ron::Error::Eof | ron::Error::ExpectedStringEnd) || at >= end
}

/// Reads a workshop file of this build's format or any older one; older
/// ones are migrated and say so in `migrated_from`. What it holds is
/// checked as well ([`validate_workshop`]): a workshop that reads but
/// cannot be trusted (a broken model inside, an answer to no indicator, a
/// date that is not one) is refused with every problem positioned.
pub fn parse_workshop(file: &str, bytes: &[u8]) -> Result<LoadedWorkshop, Problems> {
    let text = decode_text(file, bytes, MAX_WORKSHOP_FILE_BYTES).map_err(Problems::single)?;
    let loaded = read_workshop_text(file, text)?;
    let problems = validate_workshop(file, text, &loaded.workshop);
    if problems.is_empty() { Ok(loaded) } else { Err(Problems(problems)) }
}

/// Parses and migrates, nothing more.
fn read_workshop_text(file: &str, text: &str) -> Result<LoadedWorkshop, Problems> {
    // A probe that fails is reported by the full read below, which knows
    // the exact position.
    let version = format_version(text);
    match version {
        Some(version) if version == 0 || version > FORMAT_VERSION => {
            Err(Problems::single(refusal(file, text, version)))
        }
        Some(1) => {
            let old: WorkshopV1 = parse_as(file, text)?;
            Ok(LoadedWorkshop { workshop: old.into(), migrated_from: Some(1) })
        }
        Some(2) => {
            let old: WorkshopV2 = parse_as(file, text)?;
            Ok(LoadedWorkshop { workshop: old.into(), migrated_from: Some(2) })
        }
        _ => {
            let workshop: Workshop = parse_as(file, text)?;
            Ok(LoadedWorkshop { workshop, migrated_from: None })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshop::sample::sample_workshop;

    #[test]
    fn sample_round_trips() {
        let sample = sample_workshop();
        let text = workshop_to_ron(&sample).unwrap();
        let loaded = parse_workshop("s.workshop.ron", text.as_bytes()).unwrap();
        assert_eq!(loaded.workshop, sample);
        assert_eq!(loaded.migrated_from, None);
    }

    #[test]
    fn newer_format_is_refused() {
        let text = workshop_to_ron(&sample_workshop()).unwrap().replacen(
            &format!("format_version: {FORMAT_VERSION}"),
            "format_version: 99",
            1,
        );
        let problems = parse_workshop("w.workshop.ron", text.as_bytes()).unwrap_err();
        assert_eq!(
            problems.to_string(),
            "w.workshop.ron:2:21: this workshop was written in format version 99, newer than this app reads (3); update Maturity Workshop to open it"
        );
    }

    #[test]
    fn version_zero_is_refused() {
        let problems = parse_workshop("w", b"(format_version: 0)").unwrap_err();
        assert_eq!(
            problems.to_string(),
            "w:1:18: format version 0 does not exist; the first workshop format is version 1"
        );
    }

    #[test]
    fn version_one_is_migrated() {
        let text = r#"(
            format_version: 1,
            details: (team: "Core", facilitator: "Zoë", participants: "Ana, Ben", date: "2024-03-01"),
            assessments: [],
            general_notes: "n",
            modified: "2024-03-01T10:00:00Z",
        )"#;
        let loaded = parse_workshop("w", text.as_bytes()).unwrap();
        assert_eq!(loaded.migrated_from, Some(1));
        assert_eq!(loaded.workshop.details.participants, ["Ana", "Ben"]);
        assert_eq!(loaded.workshop.format_version, FORMAT_VERSION);
        // Written back, it is a current file.
        let again = parse_workshop("w", workshop_to_ron(&loaded.workshop).unwrap().as_bytes()).unwrap();
        assert_eq!(again.migrated_from, None);
        assert_eq!(again.workshop, loaded.workshop);
    }

    #[test]
    fn a_version_one_file_is_checked_against_version_one() {
        // `created` did not exist in version 1.
        let text = "(\n    format_version: 1,\n    details: (team: \"t\"),\n    assessments: [],\n    modified: \"m\",\n    created: \"c\",\n)";
        let problems = parse_workshop("w", text.as_bytes()).unwrap_err();
        assert_eq!(problems.0[0].line, 6);
        assert!(problems.0[0].message.contains("Unexpected field named `created`"), "{problems}");
    }

    #[test]
    fn version_two_is_migrated_and_checked_against_version_two() {
        let mut sample = sample_workshop();
        sample.timebox = Default::default();
        let text = workshop_to_ron(&sample).unwrap().replacen(
            &format!("format_version: {FORMAT_VERSION}"),
            "format_version: 2",
            1,
        );
        let loaded = parse_workshop("w", text.as_bytes()).unwrap();
        assert_eq!(loaded.migrated_from, Some(2));
        assert_eq!(loaded.workshop, sample);
        // A time-box did not exist in version 2.
        let with_time =
            text.replacen("    created:", "    timebox: (planned_minutes: Some(90)),\n    created:", 1);
        let problems = parse_workshop("w", with_time.as_bytes()).unwrap_err();
        assert!(problems.0[0].message.contains("Unexpected field named `timebox`"), "{problems}");
    }

    #[test]
    fn the_time_box_round_trips() {
        let mut sample = sample_workshop();
        sample.timebox.planned_minutes = Some(150);
        sample
            .timebox
            .add(&crate::workshop::TimeSlot::Level { model_id: "m".into(), level_id: "l".into() }, 75);
        sample.timebox.spent_elsewhere = 12;
        let text = workshop_to_ron(&sample).unwrap();
        assert!(text.contains("planned_minutes: 150,"), "{text}");
        let loaded = parse_workshop("w", text.as_bytes()).unwrap();
        assert_eq!(loaded.workshop.timebox, sample.timebox);
        assert_eq!(loaded.migrated_from, None);
    }

    #[test]
    fn a_file_cut_short_says_so() {
        let text = workshop_to_ron(&sample_workshop()).unwrap();
        for cut in [text.len() / 3, text.len() / 2, text.len() - 3] {
            let mut cut = cut;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let problems = parse_workshop("w", &text.as_bytes()[..cut]).unwrap_err();
            assert!(
                problems.to_string().ends_with("(the file ends too early, as if cut short)"),
                "{problems}"
            );
        }
        let problems = parse_workshop("w", b"(format_version: 3, details: (team: 5))").unwrap_err();
        assert!(!problems.to_string().contains("cut short"), "{problems}");
        // Cut right after a field name.
        let problems = parse_workshop("w", b"(format_version: 2, details").unwrap_err();
        assert!(problems.to_string().ends_with("(the file ends too early, as if cut short)"), "{problems}");
    }
}
