//! The command line under pipes (issue 10): `maturity-workshop info FILE... |
//! head -3` used to panic with "failed printing to stdout: Broken pipe".
//! Every command, run through the real binary with its stdout (or stderr)
//! a pipe nobody reads any more, exits with its usual status, quietly: no
//! panic, no backtrace.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use maturity_workshop::workshop::file::workshop_to_ron;
use maturity_workshop::workshop::sample::sample_workshop;

const BIN: &str = env!("CARGO_BIN_EXE_maturity-workshop");

fn sample_file(dir: &Path) -> PathBuf {
    let path = dir.join("sample.workshop.ron");
    std::fs::write(&path, workshop_to_ron(&sample_workshop()).unwrap()).unwrap();
    path
}

/// Runs `args` with stdout a pipe whose reading end is already closed and
/// stderr captured: (exit code, stderr).
fn with_stdout_closed(args: &[&str], data_dir: &Path) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = Command::new(BIN)
        .args(args)
        .env("MATURITY_WORKSHOP_DATA_DIR", data_dir)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

fn assert_quiet(what: &str, stderr: &str) {
    for sign in ["panicked", "Broken pipe", "backtrace", "RUST_BACKTRACE"] {
        assert!(!stderr.contains(sign), "{what}: printed {sign:?}:\n{stderr}");
    }
}

#[test]
fn info_piped_into_head_stops_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_file(dir.path());
    let file = file.to_str().unwrap();
    // Enough output to fill the pipe, so the binary is still writing when
    // the reader goes away, as with `| head -3`.
    let mut child = Command::new(BIN)
        .arg("info")
        .args(std::iter::repeat_n(file, 300))
        .env("RUST_BACKTRACE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    for _ in 0..3 {
        stdout.read_line(&mut first).unwrap();
    }
    assert!(first.starts_with(&format!("{file}: ok")), "{first}");
    drop(stdout);
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "every file was fine: {status}");
    assert_quiet("info | head -3", &stderr);
}

#[test]
fn every_command_exits_quietly_when_stdout_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let sample = sample_file(dir.path());
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/deployment-levels.ron");
    let broken =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken-workshops/syntax-error.workshop.ron");
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let (sample, model, broken) =
        (sample.to_str().unwrap(), model.to_str().unwrap(), broken.to_str().unwrap());
    let cases: [(&[&str], i32); 10] = [
        (&["info", sample], 0),
        (&["info", sample, broken], 1),
        (&["validate", model], 0),
        (&["models"], 0),
        (&["sample", "-o", &out("written.workshop.ron")], 0),
        (&["export-pdf", sample, "-o", &out("roadmap.pdf")], 0),
        (&["export-md", sample, "-o", &out("roadmap.md")], 0),
        (&["export-md", broken, "-o", &out("never.md")], 1),
        (&["--help"], 0),
        (&["--version"], 0),
    ];
    for (args, expected) in cases {
        let (code, stderr) = with_stdout_closed(args, &data);
        assert_eq!(code, Some(expected), "{args:?}: {stderr}");
        assert_quiet(&format!("{args:?}"), &stderr);
    }
    assert!(dir.path().join("roadmap.pdf").is_file(), "the work is done though nobody reads the output");
    assert!(!dir.path().join("never.md").exists());
}

#[test]
fn an_error_with_stderr_closed_is_still_an_exit_status() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let broken =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken-workshops/syntax-error.workshop.ron");
    let status =
        Command::new(BIN).arg("info").arg(&broken).stdout(Stdio::null()).stderr(writer).status().unwrap();
    // A panic would exit 101.
    assert_eq!(status.code(), Some(1));
}

#[test]
fn an_ordinary_error_is_one_line_without_a_backtrace() {
    let output = Command::new(BIN)
        .args(["export-pdf", "/nonexistent/x.workshop.ron", "-o", "/nonexistent/x.pdf"])
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("/nonexistent/x.workshop.ron:"), "{stderr}");
    assert_quiet("a missing file", &stderr);
}
