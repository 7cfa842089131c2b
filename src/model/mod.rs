//! Maturity models: the types, the RON file format, validation and the
//! models bundled into the binary. Nothing here touches the disk or the GUI.

mod bundled;
pub mod characters;
pub(crate) mod locate;
mod types;
pub(crate) mod validate;

pub use bundled::{BUNDLED_MODEL_FILES, bundled_models};
pub use locate::{Step, locate};
pub use types::{Dimension, Indicator, Level, MaturityModel, Source};
pub use validate::{Locator, for_each_text, validate_with};

use crate::problem::{Problems, decode_text, ron_problem};

/// Model files larger than this are refused before parsing.
pub const MAX_MODEL_FILE_BYTES: usize = 1024 * 1024;

/// RON options shared by reading and writing: optional fields are written
/// without `Some(...)`, which is what a person editing a model expects.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses and validates one model file. `file` names it in problems.
pub fn parse_model(file: &str, bytes: &[u8]) -> Result<MaturityModel, Problems> {
    let text = decode_text(file, bytes, MAX_MODEL_FILE_BYTES).map_err(Problems::single)?;
    // Before parsing: a hidden character is reported where it is, even in
    // a comment, where it could make the file read differently than it parses.
    let hidden = characters::scan(file, text);
    if !hidden.is_empty() {
        return Err(Problems(hidden));
    }
    let model: MaturityModel =
        ron_options().from_str(text).map_err(|error| Problems::single(ron_problem(file, &error)))?;
    let problems = validate::validate(file, text, &model);
    if problems.is_empty() { Ok(model) } else { Err(Problems(problems)) }
}

/// The model as RON text, in the same shape authors write.
pub fn model_to_ron(model: &MaturityModel) -> Result<String, ron::Error> {
    let pretty = ron::ser::PrettyConfig::new().struct_names(false).indentor("    ").new_line("\n");
    ron_options().to_string_pretty(model, pretty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_models_parse_and_round_trip_unchanged() {
        let (models, problems) = bundled_models();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(models.len(), BUNDLED_MODEL_FILES.len());
        for model in models {
            let text = model_to_ron(&model).unwrap();
            let again = parse_model("round-trip.ron", text.as_bytes()).unwrap();
            assert_eq!(again, model, "{} changed in a round trip", model.id);
        }
    }

    #[test]
    fn bundled_models_meet_the_authoring_standard() {
        let (models, _) = bundled_models();
        let ids: Vec<_> = models.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "deployment-maturity-model",
                "eight-levels-of-deployment-maturity",
                "deployment-levels",
                "practicing-deployment"
            ]
        );
        for model in &models {
            assert!(
                !model.source.title.is_empty() && model.source.note.is_some(),
                "{} credits its source",
                model.id
            );
            let top = model.levels.len() - 1;
            for (index, level) in model.levels.iter().enumerate() {
                assert!(
                    level.indicators.len() >= 3,
                    "{}/{} has fewer than three indicators",
                    model.id,
                    level.id
                );
                assert_eq!(level.next_steps.is_empty(), index == top, "{}/{} next steps", model.id, level.id);
                for indicator in &level.indicators {
                    let words = indicator.statement.split_whitespace().count();
                    assert!((4..=30).contains(&words), "{}: statement is not crisp", indicator.id);
                }
            }
        }
    }

    #[test]
    fn optional_fields_may_use_some() {
        let text = r#"(id: "m", version: 1, title: "T", summary: "S", source: (title: "X", year: Some(2013)),
            levels: [(id: "a", name: "A", summary: "s", indicators: []), (id: "b", name: "B", summary: "s", indicators: [])])"#;
        let model = parse_model("m.ron", text.as_bytes()).unwrap();
        assert_eq!(model.source.year, Some(2013));
    }
}
