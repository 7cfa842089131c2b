//! The properties the fuzz targets (fuzz/) check, here so that `cargo test`
//! runs every input the fuzzers ever found wrong (tests/fuzz_regressions.rs)
//! through exactly the same code.

use crate::model::{MAX_MODEL_FILE_BYTES, model_to_ron, parse_model, validate_with};
use crate::model_md::{import_markdown, model_to_markdown, parse_model_markdown};
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

/// Any bytes as a Markdown model document, read as `import-md` and the
/// model library read it ([`import_markdown`]: size limit, UTF-8, a
/// byte-order mark dropped, then the document): no panic, however the
/// bytes are (invalid UTF-8, CRLF, huge headings, deep nesting); every
/// problem names the file and a line and column of the text read (after
/// the byte-order mark, which editors do not show); an accepted model
/// passes the model validation, also as the RON model file it is saved
/// as; and the app's own Markdown export of it imports as the same model,
/// so that import is a fixpoint after one export. (A model file or export
/// over the 1 MiB limit, which a document near the limit can give, must
/// be refused for its size alone; its text still reads back the same.) (Import itself is not a
/// round trip of the bytes: a hand-written document's layout, emphasis and
/// spare blank lines are not part of the model.)
pub fn check_markdown_file(data: &[u8]) {
    const FILE: &str = "fuzz.md";
    match import_markdown(FILE, data) {
        Ok(model) => {
            let problems = validate_with("again.md", &model, &|_| Some((1, 1)));
            assert!(problems.is_empty(), "an imported model fails validation: {problems:?}");
            let ron = model_to_ron(&model).expect("an imported model serialises");
            let text = model_to_markdown(&model);
            // Ids and the source title are made from the document's text,
            // and the export escapes it: a document near the size limit can
            // give a model whose files are over it. Those files are refused
            // for their size (import-md and export-model-md do not write
            // them, saying so); their text must still read back the same.
            if ron.len() > MAX_MODEL_FILE_BYTES {
                assert_too_large(parse_model("again.ron", ron.as_bytes()));
            } else {
                let from_ron = parse_model("again.ron", ron.as_bytes()).unwrap_or_else(|problems| {
                    panic!("an imported model, saved as a model file, is refused: {problems}\n{ron}")
                });
                assert_eq!(from_ron, model, "an imported model changed through its model file");
            }
            if text.len() > MAX_MODEL_FILE_BYTES {
                assert_too_large(import_markdown("again.md", text.as_bytes()));
            }
            let again = parse_model_markdown("again.md", &text).unwrap_or_else(|problems| {
                panic!("an imported model, exported as Markdown, is refused: {problems}\n{text}")
            });
            assert_eq!(again, model, "an imported model changed through its Markdown export:\n{text}");
        }
        Err(problems) => {
            assert!(problems.0.iter().all(|problem| problem.file == FILE), "{problems}");
            let text = data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(data);
            check_positions(text, &problems);
        }
    }
}

/// A file refused for its size alone.
fn assert_too_large<T>(result: Result<T, crate::problem::Problems>) {
    match result {
        Ok(_) => panic!("a file over the size limit was accepted"),
        Err(problems) => {
            assert_eq!(problems.0.len(), 1, "{problems}");
            assert!(problems.0[0].message.contains("the limit is"), "{problems}");
        }
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
        // The line's characters, and the place after its last one.
        let width = line.chars().count() + 1;
        assert!(problem.column <= width, "{problem}: line {} has {width} columns", problem.line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::{Problem, Problems};

    fn at(line: usize, column: usize) -> Problems {
        Problems(vec![Problem { file: "f".into(), line, column, message: "m".into() }])
    }

    #[test]
    fn positions_must_be_inside_the_text() {
        let text = "ab\r\nc";
        check_positions(text.as_bytes(), &at(1, 4)); // after the '\r'
        check_positions(text.as_bytes(), &at(2, 2)); // after the 'c'
        for (line, column) in [(0, 1), (1, 0), (1, 5), (2, 3), (3, 1)] {
            let outside = std::panic::catch_unwind(|| check_positions(text.as_bytes(), &at(line, column)));
            assert!(outside.is_err(), "{line}:{column} passed");
        }
        let none = std::panic::catch_unwind(|| check_positions(b"", &Problems(Vec::new())));
        assert!(none.is_err(), "a refusal without a problem passed");
    }

    #[test]
    fn markdown_the_way_editors_save_it_passes() {
        let model = "# M\n\n## One\n\n### Indicators\n\n- a\n\n## Two\n\n### Indicators\n\n- b\n";
        assert!(import_markdown("m.md", model.as_bytes()).is_ok());
        check_markdown_file(model.as_bytes());
        let windows = format!("\u{feff}{}", model.replace('\n', "\r\n"));
        assert!(import_markdown("m.md", windows.as_bytes()).is_ok());
        check_markdown_file(windows.as_bytes());
        // Refused, with positions inside: not UTF-8 after a byte-order
        // mark, a heading of ten thousand characters, a deep nest of quotes.
        check_markdown_file(b"\xef\xbb\xbf# M\n\n## \xff\xfe\n");
        check_markdown_file(format!("# {}\n\n## {}\n", "x".repeat(10_000), "#".repeat(300)).as_bytes());
        check_markdown_file(format!("# M\n\n{}- x\n", "> ".repeat(5_000)).as_bytes());
        check_markdown_file(format!("# M\n\n## L\n\n{}- x\n", "- ".repeat(5_000)).as_bytes());
    }
}
