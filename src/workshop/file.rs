//! The workshop file format: RON with a `format_version`, self-contained
//! (each model used is copied in), readable years later on another machine.

use serde::Deserialize;

use super::{FORMAT_VERSION, Workshop};
use crate::model::ron_options;
use crate::problem::{Problem, Problems, decode_text, ron_problem};

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
/// with a message that says so rather than a confusing field error.
#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

pub fn parse_workshop(file: &str, bytes: &[u8]) -> Result<LoadedWorkshop, Problems> {
    let text = decode_text(file, bytes, MAX_WORKSHOP_FILE_BYTES).map_err(Problems::single)?;
    let version = match ron_options().from_str::<VersionProbe>(text) {
        Ok(probe) => Some(probe.format_version),
        // Reported below, by the full parse, with a precise position.
        Err(_) => None,
    };
    if let Some(version) = version
        && version > FORMAT_VERSION
    {
        return Err(Problems::single(Problem {
            file: file.to_owned(),
            line: 1,
            column: 1,
            message: format!(
                "this workshop was written in format version {version}, newer than this app reads ({FORMAT_VERSION}); update Maturity Workshop to open it"
            ),
        }));
    }
    let workshop: Workshop =
        ron_options().from_str(text).map_err(|error| Problems::single(ron_problem(file, &error)))?;
    let migrated_from = version.filter(|&v| v < FORMAT_VERSION);
    let mut workshop = workshop;
    workshop.format_version = FORMAT_VERSION;
    Ok(LoadedWorkshop { workshop, migrated_from })
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
        assert!(
            problems
                .to_string()
                .starts_with("w.workshop.ron:1:1: this workshop was written in format version 99")
        );
    }
}
