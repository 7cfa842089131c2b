//! Runs the real binary's `validate` and `models` commands on real files,
//! including the corpus of broken models with their exact messages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_maturity-workshop"))
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken-models").join(name)
}

fn validate(files: &[&Path]) -> Output {
    binary().arg("validate").args(files).output().unwrap()
}

/// Stderr with the corpus folder stripped, so expectations read `file:line:col`.
fn problems(output: &Output) -> Vec<String> {
    let folder = format!("{}/", Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken-models").display());
    String::from_utf8_lossy(&output.stderr).lines().map(|line| line.replace(&folder, "")).collect()
}

#[test]
fn every_bundled_model_validates() {
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&models)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 4);
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let output = validate(&refs);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().filter(|l| l.contains(": ok (")).count(), 4);
}

#[test]
fn each_broken_model_reports_its_exact_problems() {
    let cases: &[(&str, &[&str])] = &[
        ("syntax-error.ron", &["syntax-error.ron:5:5: Expected comma"]),
        ("wrong-type.ron", &["wrong-type.ron:3:13: Expected integer"]),
        (
            "unknown-field.ron",
            &[
                "unknown-field.ron:12:13: Unexpected field named `colour` in `Level`, expected one of `id`, `name`, `summary`, `description`, `indicators`, or `next_steps` instead",
            ],
        ),
        (
            "missing-field.ron",
            &["missing-field.ron:6:1: Unexpected missing field named `source` in `MaturityModel`"],
        ),
        (
            "duplicate-ids.ron",
            &[
                "duplicate-ids.ron:9:14: duplicate dimension id \"process\" (first used at 8:14)",
                "duplicate-ids.ron:22:17: duplicate level id \"a\" (first used at 13:17)",
                "duplicate-ids.ron:26:22: duplicate indicator id \"same\" (first used at 17:22)",
            ],
        ),
        (
            "empty-texts.ron",
            &[
                "empty-texts.ron:10:19: level name is empty",
                "empty-texts.ron:13:40: indicator statement is empty",
            ],
        ),
        ("one-level.ron", &["one-level.ron:7:13: a model needs at least two levels; this one has 1"]),
        (
            "unknown-dimension.ron",
            &[
                "unknown-dimension.ron:15:64: indicator \"a-2\" refers to unknown dimension \"rollbak\" (known: process)",
            ],
        ),
        (
            "not-kebab-case.ron",
            &[
                "not-kebab-case.ron:2:9: model id \"Broken Model\" is not kebab-case (lowercase letters, digits and single hyphens)",
            ],
        ),
        ("not-utf8.ron", &["not-utf8.ron:3:16: file is not valid UTF-8 (byte 0xe9)"]),
        (
            "control-character.ron",
            &[
                "control-character.ron:12:70: the control character U+0007 is not allowed: only tabs and line breaks may appear in a model",
            ],
        ),
        (
            "bidi-override.ron",
            &[
                "bidi-override.ron:12:63: the bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed: it reorders text on the wall and in the PDF",
                "bidi-override.ron:12:71: the bidirectional control character U+202C (POP DIRECTIONAL FORMATTING) is not allowed: it reorders text on the wall and in the PDF",
            ],
        ),
        (
            "bidi-escape.ron",
            &[
                "bidi-escape.ron:12:49: indicator statement (character 14): the bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed: it reorders text on the wall and in the PDF",
            ],
        ),
        (
            "problems.md",
            &[
                "problems.md:11:3: indicator \"copied\" refers to unknown dimension \"rollbak\" (the model has no dimensions)",
                "problems.md:14:3: duplicate indicator id \"copied\" (first used at 10:3)",
                "problems.md:20:1: level \"Scripted\" has no indicators: list them under a heading \"Indicators\" below it",
            ],
        ),
        (
            "crlf-problems.md",
            &[
                "crlf-problems.md:11:3: indicator \"copied\" refers to unknown dimension \"rollbak\" (the model has no dimensions)",
                "crlf-problems.md:14:3: duplicate indicator id \"copied\" (first used at 10:3)",
                "crlf-problems.md:20:1: level \"Scripted\" has no indicators: list them under a heading \"Indicators\" below it",
            ],
        ),
        (
            "bidi-override.md",
            &[
                "bidi-override.md:7:16: the bidirectional control character U+2067 (RIGHT-TO-LEFT ISOLATE) is not allowed: it reorders text on the wall and in the PDF",
                "bidi-override.md:7:23: the bidirectional control character U+2069 (POP DIRECTIONAL ISOLATE) is not allowed: it reorders text on the wall and in the PDF",
            ],
        ),
    ];
    let mut listed: Vec<String> = std::fs::read_dir(corpus(""))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    listed.sort();
    let mut expected: Vec<&str> = cases.iter().map(|(file, _)| *file).collect();
    expected.sort();
    assert_eq!(listed, expected, "every corpus file needs its expected problems here");
    assert!(std::fs::read(corpus("crlf-problems.md")).unwrap().windows(2).any(|w| w == b"\r\n"), "CRLF kept");
    for (file, expected) in cases {
        let path = corpus(file);
        let before = std::fs::read(&path).unwrap();
        let output = validate(&[&path]);
        assert_eq!(output.status.code(), Some(1), "{file}");
        assert_eq!(problems(&output), *expected, "{file}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "{file} must not be touched");
    }
}

#[test]
fn oversized_model_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    std::fs::write(&path, "// padding\n".repeat(100_000)).unwrap();
    let output = validate(&[&path]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.trim(),
        format!("{}:1:1: file is 1100000 bytes; the limit is 1048576 bytes (1 MiB)", path.display())
    );
}

#[test]
fn one_bad_file_among_good_ones_fails_the_run_but_all_are_checked() {
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/deployment-levels.ron");
    let bad = corpus("one-level.ron");
    let missing = corpus("does-not-exist.ron");
    let output = validate(&[&bad, &good, &missing]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("deployment-levels.ron: ok"));
    let stderr = problems(&output);
    assert_eq!(stderr.len(), 2, "{stderr:?}");
    assert!(stderr[1].starts_with("does-not-exist.ron:1:1: cannot open:"), "{stderr:?}");
}

#[test]
fn validate_needs_a_file_and_help_lists_commands() {
    let output = binary().arg("validate").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let help = binary().arg("--help").output().unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    for command in ["validate", "models"] {
        assert!(text.contains(command), "{text}");
    }
}

#[test]
fn models_lists_every_bundled_model() {
    let data = tempfile::tempdir().unwrap();
    let output = binary().arg("models").env("MATURITY_WORKSHOP_DATA_DIR", data.path()).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    for line in [
        "deployment-maturity-model                      2      5         32",
        "eight-levels-of-deployment-maturity            2      9         36",
        "deployment-levels                              2      3         20",
        "practicing-deployment                          2      5         39",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

/// The version is written once, in Cargo.toml; `--version` (and the man
/// page and the package names) take it from there.
#[test]
fn version_is_the_one_in_cargo_toml() {
    let output = binary().arg("--version").output().unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("maturity-workshop {}\n", env!("CARGO_PKG_VERSION"))
    );
}
