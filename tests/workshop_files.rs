//! Workshop files through the real binary and the storage API: the broken
//! file corpus with its exact messages, migration of an older format, the
//! sample workshop, and flushing the autosave on SIGTERM.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use maturity_workshop::storage::{
    AppPaths, Recovery, read_workshop_file, recoverable_autosave, write_workshop_file,
};
use maturity_workshop::workshop::sample::sample_workshop;

const BIN: &str = env!("CARGO_BIN_EXE_maturity-workshop");

fn tests_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(name)
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(dir).output().unwrap()
}

/// Every file in `tests/broken-workshops/` with the lines `info` prints
/// (after the file's name): what does not parse, then what parses but
/// does not hold together (issue 10), one file per rule.
const BROKEN: &[(&str, &[&str])] = &[
    (
        "action-unknown-indicator.workshop.ron",
        &[
            "33:80: the action refers to indicator \"c\", which model \"tiny\" does not have",
            "34:65: the action refers to indicator \"zz\", which no model in this workshop has",
        ],
    ),
    (
        "action-unknown-model.workshop.ron",
        &["20:51: the action refers to model \"other\", which this workshop does not have (it has: tiny)"],
    ),
    (
        "answer-unknown-indicator.workshop.ron",
        &[
            "19:17: answer to unknown indicator \"gone\": model \"tiny\" has no such indicator; answers and notes kept from an earlier version belong under orphaned_answers and orphaned_levels",
        ],
    ),
    (
        "bad-dates.workshop.ron",
        &[
            "3:48: the workshop's date \"20/11/2026\" is not a date written as YYYY-MM-DD",
            "20:46: the action's due date \"next week\" is not a date written as YYYY-MM-DD",
            "21:49: the action's due date \"2026-02-30\" is not a date written as YYYY-MM-DD",
        ],
    ),
    (
        "bad-timestamps.workshop.ron",
        &[
            "19:14: created \"2026-11-20\" is not an RFC 3339 time such as 2026-11-22T10:15:00Z",
            "20:15: modified \"yesterday at noon\" is not an RFC 3339 time such as 2026-11-22T10:15:00Z",
        ],
    ),
    (
        "duplicate-model.workshop.ron",
        &["20:21: duplicate model id \"tiny\" in this workshop (first used at 7:21)"],
    ),
    (
        "embedded-model-invalid.workshop.ron",
        &[
            "7:21: model id \"Tiny Model\" is not kebab-case (lowercase letters, digits and single hyphens)",
            "9:24: model title is empty",
            "14:120: indicator \"a\" refers to unknown dimension \"speed\" (known: flow)",
            "15:26: duplicate level id \"one\" (first used at 14:26)",
            "15:39: level name is empty",
            "15:81: duplicate indicator id \"a\" (first used at 14:82)",
            "15:97: indicator statement is empty",
        ],
    ),
    ("embedded-model-one-level.workshop.ron", &["12:25: a model needs at least two levels; this one has 1"]),
    ("missing-field.workshop.ron", &["6:1: Unexpected missing field named `created` in `Workshop`"]),
    (
        "newer-version.workshop.ron",
        &[
            "3:21: this workshop was written in format version 4, newer than this app reads (3); update Maturity Workshop to open it",
        ],
    ),
    ("not-utf8.workshop.ron", &["4:19: file is not valid UTF-8 (byte 0xe9)"]),
    (
        "note-unknown.workshop.ron",
        &[
            "17:44: note on unknown indicator \"c\": model \"tiny\" has no such indicator; answers and notes kept from an earlier version belong under orphaned_answers and orphaned_levels",
            "18:27: note on unknown level \"three\": model \"tiny\" has no such level; answers and notes kept from an earlier version belong under orphaned_answers and orphaned_levels",
        ],
    ),
    (
        "override-unknown-level.workshop.ron",
        &["17:42: the current level is set to unknown level \"zero\" (levels of \"tiny\": one, two)"],
    ),
    ("syntax-error.workshop.ron", &["5:9: Expected comma"]),
    (
        "target-unknown-level.workshop.ron",
        &["17:27: the target is unknown level \"five\" (levels of \"tiny\": one, two)"],
    ),
    ("too-long.workshop.ron", &["3:21: the team's name is 1001 characters long; the limit is 1000"]),
    ("too-many-participants.workshop.ron", &["3:56: 1001 participants; the limit is 1000"]),
    ("truncated.workshop.ron", &["26:22: Expected end of string (the file ends too early, as if cut short)"]),
    (
        "unknown-answer.workshop.ron",
        &[
            "19:22: Unexpected variant named `Maybe` in enum `Answer`, expected one of `Yes`, `Partly`, `No`, or `NotApplicable` instead",
        ],
    ),
    (
        "unknown-field.workshop.ron",
        &[
            "5:9: Unexpected field named `colour` in `WorkshopDetails`, expected one of `team`, `facilitator`, `participants`, or `date` instead",
        ],
    ),
    (
        "v1-unknown-target.workshop.ron",
        &["17:27: the target is unknown level \"three\" (levels of \"tiny\": one, two)"],
    ),
    ("v1-wrong-type.workshop.ron", &["7:22: Expected string"]),
    ("wrong-type.workshop.ron", &["5:22: Expected opening `[`"]),
];

#[test]
fn every_broken_file_is_reported_with_its_exact_position_and_left_untouched() {
    let dir = tests_dir("broken-workshops");
    let mut listed: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    listed.sort();
    let expected: Vec<&str> = BROKEN.iter().map(|(file, _)| *file).collect();
    assert_eq!(listed, expected, "every corpus file needs its expected message here");

    for (file, messages) in BROKEN {
        let before = std::fs::read(dir.join(file)).unwrap();
        let output = run_in(&dir, &["info", file]);
        assert_eq!(output.status.code(), Some(1), "{file}");
        let expected: String = messages.iter().map(|message| format!("{file}:{message}\n")).collect();
        assert_eq!(String::from_utf8_lossy(&output.stderr), expected);
        assert!(output.stdout.is_empty(), "{file}");
        assert_eq!(std::fs::read(dir.join(file)).unwrap(), before, "{file} was changed");

        // The app's own read (open, recovery) says the same, naming the
        // path it was given; so do the exports, which write nothing.
        let path = dir.join(file);
        let problems = read_workshop_file(&path).unwrap_err();
        let expected: Vec<String> =
            messages.iter().map(|message| format!("{}:{message}", path.display())).collect();
        assert_eq!(problems.to_string(), expected.join("\n"));
        for export in ["export-pdf", "export-md"] {
            let output = run_in(&dir, &[export, file, "-o", "/nonexistent/never-written"]);
            assert_eq!(output.status.code(), Some(1), "{export} {file}");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(
                stderr,
                messages.iter().map(|m| format!("{file}:{m}\n")).collect::<String>(),
                "{export}"
            );
        }
    }
}

#[test]
fn info_reports_every_file_and_fails_if_any_is_broken() {
    let broken = tests_dir("broken-workshops");
    let good = tests_dir("workshop-files").join("format-v1-migrated.workshop.ron");
    let output = run_in(&broken, &["info", good.to_str().unwrap(), "syntax-error.workshop.ron"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with(&format!("{}: ok\n", good.display())), "{stdout}");
    assert!(stdout.contains("  tiny v1: current One, target Two, 100% answered\n"), "{stdout}");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "syntax-error.workshop.ron:5:9: Expected comma\n");
}

#[test]
fn a_version_1_file_is_migrated_on_load() {
    let dir = tests_dir("workshop-files");
    let old = read_workshop_file(&dir.join("format-v1.workshop.ron")).unwrap();
    assert_eq!(old.migrated_from, Some(1));
    let expected = read_workshop_file(&dir.join("format-v1-migrated.workshop.ron")).unwrap();
    assert_eq!(expected.migrated_from, None);
    assert_eq!(old.workshop, expected.workshop);
    assert_eq!(old.workshop.details.participants, ["Ana Müller", "Søren Østergaard", "Έλενα Παπαδοπούλου"]);
    assert_eq!(old.workshop.created, "2024-03-01T16:45:00Z");

    let output = run_in(&dir, &["info", "format-v1.workshop.ron"]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("format-v1.workshop.ron: ok, migrated from format version 1\n"), "{stdout}");
    assert!(stdout.contains("3 participants"), "{stdout}");

    // Saved again, it is a current file.
    let temp = tempfile::tempdir().unwrap();
    let saved = temp.path().join("saved.workshop.ron");
    write_workshop_file(&saved, &old.workshop).unwrap();
    let again = read_workshop_file(&saved).unwrap();
    assert_eq!((again.migrated_from, again.workshop), (None, expected.workshop));
}

#[test]
fn a_version_2_file_is_migrated_on_load_with_no_time_box() {
    let dir = tests_dir("workshop-files");
    let old = read_workshop_file(&dir.join("format-v2.workshop.ron")).unwrap();
    assert_eq!(old.migrated_from, Some(2));
    let expected = read_workshop_file(&dir.join("format-v1-migrated.workshop.ron")).unwrap();
    assert_eq!(old.workshop, expected.workshop);
    assert!(old.workshop.timebox.is_empty());
    let output = run_in(&dir, &["info", "format-v2.workshop.ron"]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("format-v2.workshop.ron: ok, migrated from format version 2\n"), "{stdout}");
}

#[test]
fn the_sample_command_writes_the_sample_workshop() {
    let temp = tempfile::tempdir().unwrap();
    let output = run_in(temp.path(), &["sample", "-o", "sample.workshop.ron"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("sample.workshop.ron: wrote the sample workshop (4 models, "), "{stdout}");
    let loaded = read_workshop_file(&temp.path().join("sample.workshop.ron")).unwrap();
    assert_eq!(loaded.workshop, sample_workshop());

    // Writing again keeps the previous file as a backup, and nothing else.
    assert!(run_in(temp.path(), &["sample", "-o", "sample.workshop.ron"]).status.success());
    let mut names: Vec<String> = std::fs::read_dir(temp.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["sample.workshop.ron", "sample.workshop.ron.bak"]);
}

#[test]
fn the_sample_command_reports_a_folder_it_cannot_write() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(temp.path().join("not-a-folder"), b"").unwrap();
    let output = run_in(temp.path(), &["sample", "-o", "not-a-folder/sample.workshop.ron"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("not-a-folder/sample.workshop.ron: cannot write: "), "{stderr}");
}

#[cfg(unix)]
#[test]
fn sigterm_flushes_the_autosave_before_exit() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .arg("hold-autosave")
        .env("MATURITY_WORKSHOP_DATA_DIR", data.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    assert_eq!(line, "ready\n");
    // Well inside the one-second debounce: only the signal handler can
    // have written the change by the time the process exits.
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "the process died of the signal instead of closing: {status}");

    let Some(Recovery::Recovered(recovered)) = recoverable_autosave(&AppPaths::at(data.path())) else {
        panic!("nothing to recover after SIGTERM")
    };
    assert_eq!(recovered.workshop.general_notes, "held until a signal");
}

/// A panic on the window's thread ends the app; the panic hook writes the
/// autosave first. The helper leaks its autosave worker, so the hook alone
/// can have written the change: well inside the debounce, the process is
/// gone right after the panic.
#[test]
fn a_panic_flushes_the_autosave_before_the_app_ends() {
    let data = tempfile::tempdir().unwrap();
    let output = Command::new(BIN)
        .arg("panic-with-autosave")
        .env("MATURITY_WORKSHOP_DATA_DIR", data.path())
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(101), "not a panic's exit: {stderr}");
    assert!(stderr.contains("test panic with an autosave queued"), "the panic went unreported: {stderr}");

    let Some(Recovery::Recovered(recovered)) = recoverable_autosave(&AppPaths::at(data.path())) else {
        panic!("nothing to recover after a panic")
    };
    assert_eq!(recovered.workshop.general_notes, "held until a panic");
}
