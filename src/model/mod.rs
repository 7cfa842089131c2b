//! Maturity models: the types, the RON file format, validation and the
//! models bundled into the binary. Nothing here touches the disk or the GUI.

mod bundled;
mod locate;
mod types;
mod validate;

pub use bundled::{BUNDLED_MODEL_FILES, bundled_models};
pub use types::{Dimension, Indicator, Level, MaturityModel, Source};

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
