//! Every input a fuzz target (fuzz/) ever found wrong, kept in
//! tests/fuzz-regressions/TARGET/, goes through the same check as in the
//! fuzzer (`maturity_workshop::fuzzing`) on every `cargo test`; so do the
//! files the fuzzers start from. See FUZZING.md.

use std::path::{Path, PathBuf};

use maturity_workshop::fuzzing::{check_model_file, check_workshop_file};

fn files(folder: &str) -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let Ok(entries) = std::fs::read_dir(&folder) else { return Vec::new() };
    let mut files: Vec<PathBuf> =
        entries.map(|entry| entry.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

fn run(folders: &[&str], check: fn(&[u8])) -> usize {
    let mut count = 0;
    for folder in folders {
        for file in files(folder) {
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
