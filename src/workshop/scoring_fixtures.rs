//! Models for tests.

use crate::model::{Indicator, Level, MaturityModel, Source};

/// Three levels, two indicators each: `l0-a`, `l0-b`, `l1-a`, ...
pub fn small_model() -> MaturityModel {
    let levels = (0..3)
        .map(|l| Level {
            id: format!("l{l}"),
            name: format!("Level {l}"),
            summary: format!("Summary {l}"),
            description: String::new(),
            indicators: ["a", "b"]
                .iter()
                .map(|s| Indicator {
                    id: format!("l{l}-{s}"),
                    statement: format!("Statement {l}{s}"),
                    dimension: None,
                    guidance: None,
                    source: None,
                })
                .collect(),
            next_steps: if l < 2 { vec![format!("Step from {l}")] } else { vec![] },
        })
        .collect();
    MaturityModel {
        id: "small".into(),
        version: 1,
        title: "Small".into(),
        summary: "A small model".into(),
        source: Source { title: "Tests".into(), author: None, url: None, year: None, note: None },
        dimensions: vec![],
        levels,
    }
}
