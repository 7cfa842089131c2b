//! The models that ship inside the binary, so the app runs from any folder.

use super::{MaturityModel, parse_model};
use crate::problem::Problems;

/// File name and text of every bundled model, in the order the app lists them.
pub const BUNDLED_MODEL_FILES: [(&str, &str); 4] = [
    ("deployment-maturity-model.ron", include_str!("../../models/deployment-maturity-model.ron")),
    (
        "eight-levels-of-deployment-maturity.ron",
        include_str!("../../models/eight-levels-of-deployment-maturity.ron"),
    ),
    ("deployment-levels.ron", include_str!("../../models/deployment-levels.ron")),
    ("practicing-deployment.ron", include_str!("../../models/practicing-deployment.ron")),
];

/// Parses the bundled models. Tests hold every one of them valid, but a
/// broken one is still reported rather than trusted.
pub fn bundled_models() -> (Vec<MaturityModel>, Vec<Problems>) {
    let mut models = Vec::new();
    let mut problems = Vec::new();
    for (file, text) in BUNDLED_MODEL_FILES {
        match parse_model(&format!("bundled:{file}"), text.as_bytes()) {
            Ok(model) => models.push(model),
            Err(error) => problems.push(error),
        }
    }
    (models, problems)
}
