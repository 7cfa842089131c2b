//! Every input a fuzz target (fuzz/) ever found wrong, kept in
//! tests/fuzz-regressions/TARGET/, goes through the same check as in the
//! fuzzer (`maturity_workshop::fuzzing`) on every `cargo test`; so do the
//! files the fuzzers start from. See FUZZING.md.

use std::path::{Path, PathBuf};

use maturity_workshop::fuzzing::{check_markdown_file, check_model_file, check_workshop_file};
use maturity_workshop::model::bundled_models;
use maturity_workshop::model_md::model_to_markdown;

fn files(folder: &str) -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let Ok(entries) = std::fs::read_dir(&folder) else { return Vec::new() };
    let mut files: Vec<PathBuf> =
        entries.map(|entry| entry.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

fn run(folders: &[&str], check: fn(&[u8])) -> usize {
    run_matching(folders, |_| true, check)
}

/// [`run`] over the files of `folders` whose name `keep` accepts.
fn run_matching(folders: &[&str], keep: impl Fn(&Path) -> bool, check: fn(&[u8])) -> usize {
    let mut count = 0;
    for folder in folders {
        for file in files(folder).into_iter().filter(|file| keep(file)) {
            let data = std::fs::read(&file).unwrap();
            // A panic names the input that caused it.
            let result = std::panic::catch_unwind(|| check(&data));
            assert!(result.is_ok(), "{} fails its fuzz check", file.display());
            count += 1;
        }
    }
    count
}

#[test]
fn model_inputs_found_by_the_fuzzer_and_its_seeds() {
    let count = run(&["tests/fuzz-regressions/model", "models", "tests/broken-models"], check_model_file);
    assert!(count >= 14, "only {count} inputs");
}

#[test]
fn workshop_inputs_found_by_the_fuzzer_and_its_seeds() {
    let count = run(
        &["tests/fuzz-regressions/workshop", "tests/workshop-files", "tests/broken-workshops"],
        check_workshop_file,
    );
    assert!(count >= 25, "only {count} inputs");
}

#[test]
fn markdown_inputs_found_by_the_fuzzer_and_its_seeds() {
    // Every file in the regression folder, whatever its name (libFuzzer
    // names them crash-HASH); the Markdown documents among the seeds.
    let mut count = run(&["tests/fuzz-regressions/markdown"], check_markdown_file);
    let is_markdown = |file: &Path| file.extension().is_some_and(|ext| ext == "md");
    count += run_matching(
        &["tests/seeds", "tests/fixtures", "tests/broken-models", "models"],
        is_markdown,
        check_markdown_file,
    );
    assert!(count >= 6, "only {count} inputs");
}

/// The seeds scripts/fuzz-seed.sh makes with `export-model-md`, made here
/// with the same function.
#[test]
fn bundled_models_exported_as_markdown_pass_the_markdown_check() {
    let (models, problems) = bundled_models();
    assert!(problems.is_empty(), "{problems:?}");
    assert!(models.len() >= 4);
    for model in models {
        let text = model_to_markdown(&model);
        let result = std::panic::catch_unwind(|| check_markdown_file(text.as_bytes()));
        assert!(result.is_ok(), "{} as Markdown fails its fuzz check", model.id);
        // CRLF line ends and a byte-order mark, as a Windows editor saves it.
        let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        let result = std::panic::catch_unwind(|| check_markdown_file(windows.as_bytes()));
        assert!(result.is_ok(), "{} as Windows Markdown fails its fuzz check", model.id);
    }
}

/// Documents under the 1 MiB limit whose model files would be over it: a
/// paragraph of line breaks (written back as character references) and a
/// long title (repeated as the source title and the id). Made here rather
/// than kept, at nearly 1 MiB each.
#[test]
fn documents_near_the_size_limit_give_files_refused_for_their_size_alone() {
    let levels = "\n\n## A\n\n- a\n\n## B\n\n- b\n";
    let breaks = format!("# T\n\n## L\n\n- a{}{levels}", "\\\n  b".repeat(200_000));
    let title = format!("# {}{levels}", "title ".repeat(170_000));
    for text in [breaks, title] {
        assert!(text.len() <= 1024 * 1024);
        let result = std::panic::catch_unwind(|| check_markdown_file(text.as_bytes()));
        assert!(result.is_ok(), "{} fails its fuzz check", &text[..40]);
    }
}
