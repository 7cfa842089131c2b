//! `export-pdf` and `export-md` through the real binary, on real workshop
//! files: what a facilitator or a CI job runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use maturity_workshop::markdown::render_markdown;
use maturity_workshop::pdf::{Paper, render_pdf};
use maturity_workshop::workshop::file::workshop_to_ron;
use maturity_workshop::workshop::sample::sample_workshop;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_maturity-workshop")).args(args).output().unwrap()
}

fn sample_file(dir: &Path) -> PathBuf {
    let path = dir.join("sample.workshop.ron");
    std::fs::write(&path, workshop_to_ron(&sample_workshop()).unwrap()).unwrap();
    path
}

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn export_pdf_writes_the_roadmap() {
    let dir = tempfile::tempdir().unwrap();
    let input = sample_file(dir.path());
    let output = dir.path().join("roadmap.pdf");
    let result = run(&["export-pdf", text(&input), "-o", text(&output)]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let bytes = std::fs::read(&output).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    // The file holds the same workshop, so the same bytes as the library.
    assert_eq!(bytes, render_pdf(&sample_workshop(), Paper::A4).unwrap());
    assert!(String::from_utf8_lossy(&result.stdout).contains("roadmap.pdf: wrote"));

    let letter = dir.path().join("letter.pdf");
    let result = run(&["export-pdf", text(&input), "--output", text(&letter), "--paper", "letter"]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    assert_eq!(std::fs::read(&letter).unwrap(), render_pdf(&sample_workshop(), Paper::Letter).unwrap());
    // No temporary files are left next to the outputs.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["letter.pdf", "roadmap.pdf", "sample.workshop.ron"]);
}

#[test]
fn export_md_writes_the_roadmap() {
    let dir = tempfile::tempdir().unwrap();
    let input = sample_file(dir.path());
    let output = dir.path().join("roadmap.md");
    let result = run(&["export-md", text(&input), "-o", text(&output)]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let markdown = std::fs::read_to_string(&output).unwrap();
    assert_eq!(markdown, render_markdown(&sample_workshop()));
    assert!(markdown.starts_with("# Deployment maturity roadmap: Payments Platform"));
}

#[test]
fn a_broken_workshop_is_reported_with_its_position_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("broken.workshop.ron");
    let good = workshop_to_ron(&sample_workshop()).unwrap();
    // Drop the comma after the team name: a syntax error on a known line.
    let line = good.lines().position(|l| l.contains("team: \"Payments Platform\",")).unwrap() + 1;
    std::fs::write(&input, good.replacen("team: \"Payments Platform\",", "team: \"Payments Platform\"", 1))
        .unwrap();
    for (command, name) in [("export-pdf", "out.pdf"), ("export-md", "out.md")] {
        let output = dir.path().join(name);
        let result = run(&[command, text(&input), "-o", text(&output)]);
        assert_eq!(result.status.code(), Some(1), "{command}");
        let stderr = String::from_utf8_lossy(&result.stderr);
        let prefix = format!("{}:{}:", input.display(), line + 1);
        assert!(stderr.starts_with(&prefix), "{command}: {stderr}");
        let position: Vec<&str> = stderr[input.display().to_string().len() + 1..].splitn(3, ':').collect();
        assert!(position[0].parse::<usize>().is_ok() && position[1].parse::<usize>().is_ok(), "{stderr}");
        assert!(!output.exists(), "{command} wrote an output for a broken file");
    }
}

#[test]
fn a_missing_workshop_is_reported_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("nowhere.workshop.ron");
    let output = dir.path().join("out.pdf");
    let result = run(&["export-pdf", text(&input), "-o", text(&output)]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.starts_with(&format!("{}:1:1: cannot open", input.display())), "{stderr}");
    assert!(!output.exists());
}

#[test]
fn an_unwritable_output_is_reported_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let input = sample_file(dir.path());
    let output = dir.path().join("no-such-folder").join("out.md");
    let result = run(&["export-md", text(&input), "-o", text(&output)]);
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr).contains("cannot write"));
}

#[test]
fn paper_must_be_a4_or_letter() {
    let dir = tempfile::tempdir().unwrap();
    let input = sample_file(dir.path());
    let output = dir.path().join("out.pdf");
    let result = run(&["export-pdf", text(&input), "-o", text(&output), "--paper", "a3"]);
    assert!(!result.status.success());
    assert!(String::from_utf8_lossy(&result.stderr).contains("a4"));
    assert!(!output.exists());
}
