//! The properties the fuzz targets (fuzz/) check, here so that `cargo test`
//! runs every input the fuzzers ever found wrong (tests/fuzz_regressions.rs)
//! through exactly the same code.

use crate::model::{model_to_ron, parse_model};
use crate::workshop::file::{parse_workshop, workshop_to_ron};

/// Any bytes as a model file: parsing and validation return (a model or
/// problems) without panicking, every problem has a position inside the
/// file, and a model they accept reads back unchanged once written.
pub fn check_model_file(data: &[u8]) {
    match parse_model("fuzz.ron", data) {
        Ok(model) => {
            let text = model_to_ron(&model).expect("an accepted model serialises");
            let again = parse_model("again.ron", text.as_bytes()).unwrap_or_else(|problems| {
                panic!("an accepted model, written back, is refused: {problems}\n{text}")
            });
            assert_eq!(again, model, "an accepted model changed in a round trip");
        }
        Err(problems) => check_positions(data, &problems),
    }
}

/// Any bytes as a workshop file: parsing, migration and validation return
/// without panicking, every problem has a position inside the file, and a
/// workshop they accept reads back unchanged once saved.
pub fn check_workshop_file(data: &[u8]) {
    match parse_workshop("fuzz.workshop.ron", data) {
        Ok(loaded) => {
            let text = workshop_to_ron(&loaded.workshop).expect("an accepted workshop serialises");
            let again = parse_workshop("again.workshop.ron", text.as_bytes()).unwrap_or_else(|problems| {
                panic!("an accepted workshop, saved, is refused: {problems}\n{text}")
            });
            assert_eq!(again.workshop, loaded.workshop, "an accepted workshop changed in a round trip");
        }
        Err(problems) => check_positions(data, &problems),
    }
}

/// Problems point at a line and a column the file has (the column may be
/// one past the end of its line: "expected more here").
fn check_positions(data: &[u8], problems: &crate::problem::Problems) {
    assert!(!problems.0.is_empty(), "refused without a reason");
    let text = String::from_utf8_lossy(data);
    let lines: Vec<&str> = text.split('\n').collect();
    for problem in &problems.0 {
        assert!(problem.line >= 1 && problem.column >= 1, "{problem}");
        let Some(line) = lines.get(problem.line - 1) else {
            panic!("{problem}: the file has {} lines", lines.len())
        };
        let width = line.chars().count() + 1;
        assert!(problem.column <= width + 1, "{problem}: line {} has {width} columns", problem.line);
    }
}
