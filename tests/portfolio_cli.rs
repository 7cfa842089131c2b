//! `compare` through the real binary on a generated folder of workshop
//! files: grouping, ordering, version mismatch, broken files skipped and
//! reported, the CSV read back by a CSV reader, the PDF read by lopdf.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use maturity_workshop::portfolio::CSV_HEADER;
use maturity_workshop::workshop::file::workshop_to_ron;
use maturity_workshop::workshop::sample::{generated_portfolio, sample_workshop, varied_workshop};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_maturity-workshop")).args(args).output().unwrap()
}

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn write(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// A folder like a coach's repository: teams in subfolders, one team's
/// name spelled three ways, a model version bumped for one team, a broken
/// file, a file from a newer format, a hidden folder and a stray file.
fn generated_folder(dir: &Path) -> PathBuf {
    let root = dir.join("workshops");
    for (file, workshop) in generated_portfolio(12, 4) {
        write(&root.join(file), &workshop_to_ron(&workshop).unwrap());
    }
    let base = sample_workshop();
    for (file, team, date) in [
        ("storefront/2025-10-01.workshop.ron", "storefront", "2025-10-01"),
        ("storefront/2025-04-01.workshop.ron", "  STOREFRONT  ", "2025-04-01"),
        ("storefront/old/2024-12-01.workshop.ron", "Storefront", "2024-12-01"),
    ] {
        let workshop = varied_workshop(&base, team, date, 0.4, date.len() as u64 + team.len() as u64);
        write(&root.join(file), &workshop_to_ron(&workshop).unwrap());
    }
    let mut bumped = varied_workshop(&base, "Upgraded", "2025-05-05", 0.5, 99);
    let mut model = (*bumped.assessments[0].model).clone();
    model.version += 1;
    bumped.assessments[0].model = Arc::new(model);
    write(&root.join("upgraded.workshop.ron"), &workshop_to_ron(&bumped).unwrap());
    write(&root.join("broken/cut.workshop.ron"), "(\n    format_version: 3,\n    details: (team: \"Cut\"");
    let current = format!("format_version: {}", maturity_workshop::workshop::FORMAT_VERSION);
    let newer = workshop_to_ron(&base).unwrap().replacen(&current, "format_version: 7", 1);
    write(&root.join("newer.workshop.ron"), &newer);
    write(&root.join(".git/hidden.workshop.ron"), "not read");
    write(&root.join("notes.txt"), "not a workshop");
    root
}

#[test]
fn compare_writes_a_csv_that_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let root = generated_folder(dir.path());
    let out = dir.path().join("portfolio.csv");
    let result = run(&["compare", text(&root), "-o", text(&out)]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    // Broken files are reported with their position and skipped.
    let cut = root.join("broken/cut.workshop.ron");
    assert!(stderr.contains(&format!("{}:3:", cut.display())), "{stderr}");
    assert!(stderr.contains("(skipped)"), "{stderr}");
    let newer = root.join("newer.workshop.ron");
    assert!(stderr.contains(&format!("{}:2:21:", newer.display())), "{stderr}");
    assert!(stderr.contains("newer format version 7"), "{stderr}");
    assert!(!stderr.contains("hidden"), "hidden folders are not searched: {stderr}");
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(stdout.contains("16 workshops of 6 teams; 2 files skipped"), "{stdout}");

    let mut reader = csv::Reader::from_path(&out).unwrap();
    // The columns the README documents, in its order.
    assert_eq!(reader.headers().unwrap(), &csv::StringRecord::from(CSV_HEADER.to_vec()));
    let readme = include_str!("../README.md").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        readme.contains(&format!("with the columns `{}`", CSV_HEADER.join(", "))),
        "README's CSV columns"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let models = sample_workshop().assessments.len();
    assert_eq!(rows.len(), 16 * models);
    // One team, three spellings, in date order.
    let storefront: Vec<(&str, &str)> = rows
        .iter()
        .filter(|row| row[0].trim().eq_ignore_ascii_case("storefront"))
        .map(|row| (&row[1], &row[11]))
        .step_by(models)
        .collect();
    let dates: Vec<&str> = storefront.iter().map(|(date, _)| *date).collect();
    assert_eq!(dates, ["2024-12-01", "2025-04-01", "2025-10-01"]);
    // Every row matches its file.
    for row in &rows {
        let file = PathBuf::from(&row[12]);
        let workshop = maturity_workshop::storage::read_workshop_file(&file).unwrap().workshop;
        let assessment = workshop.assessment(&row[2]).unwrap();
        assert_eq!(row[0], *workshop.details.team.trim());
        assert_eq!(row[4], assessment.model.version.to_string());
        assert_eq!(row[5], assessment.current_level().to_string());
        assert_eq!(row[7], assessment.target_level().map(|t| t.to_string()).unwrap_or_default());
        let gaps = maturity_workshop::roadmap::gaps(assessment).len();
        assert_eq!(row[10], gaps.to_string());
        let share: f32 = row[9].parse().unwrap();
        assert!((share - assessment.answered_share()).abs() < 0.001);
    }
    // The bumped model is flagged on every row of that model, and only there.
    let bumped = sample_workshop().assessments[0].model.id.clone();
    for row in &rows {
        assert_eq!(&row[11], if row[2] == *bumped { "true" } else { "false" }, "{row:?}");
    }
}

#[test]
fn compare_writes_markdown_and_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let root = generated_folder(dir.path());
    let md = dir.path().join("portfolio.md");
    let result = run(&["compare", text(&root), "-o", text(&md)]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let markdown = std::fs::read_to_string(&md).unwrap();
    assert!(markdown.contains("## Where each team stands"));
    assert!(markdown.contains("levels are compared by their position"));
    assert!(markdown.contains("## Files skipped"));

    let pdf = dir.path().join("portfolio.pdf");
    let result = run(&["compare", text(&root), "-o", text(&pdf)]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let bytes = std::fs::read(&pdf).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages = doc.get_pages().len() as u32;
    assert!(pages >= 3, "{pages} pages");
    let texts: Vec<String> = (1..=pages).map(|page| doc.extract_text(&[page]).unwrap()).collect();
    let all = texts.join("\n");
    for needle in [
        "Deployment maturity across teams",
        "Where each team stands",
        "Each team over time",
        "Common gaps",
        "Files skipped",
    ] {
        assert!(all.contains(needle), "missing {needle}");
    }
    for (index, page) in texts.iter().enumerate() {
        assert!(page.contains(&format!("page {} of {pages}", index + 1)));
    }
    // The same files give the same bytes.
    let again = dir.path().join("again.pdf");
    assert!(run(&["compare", text(&root), "-o", text(&again)]).status.success());
    assert_eq!(std::fs::read(&again).unwrap(), bytes);
}

#[test]
fn compare_filters_and_takes_files_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    let root = generated_folder(dir.path());
    let out = dir.path().join("one.csv");
    let model = sample_workshop().assessments[1].model.id.clone();
    let single = root.join("upgraded.workshop.ron");
    let result = run(&[
        "compare",
        text(&root.join("storefront")),
        text(&single),
        "-o",
        text(&out),
        "--model",
        &model,
        "--from",
        "2025-01-01",
    ]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let seen: Vec<(&str, &str)> = rows.iter().map(|row| (&row[1], &row[2])).collect();
    assert_eq!(
        seen,
        [("2025-04-01", model.as_str()), ("2025-10-01", model.as_str()), ("2025-05-05", model.as_str())]
    );
}

#[test]
fn compare_fails_when_nothing_can_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("a.workshop.ron");
    write(&broken, "(format_version: 2, details: (team: 5))");
    let out = dir.path().join("out.csv");
    let result = run(&["compare", text(&broken), text(&dir.path().join("missing")), "-o", text(&out)]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains(&format!("{}:1:", broken.display())), "{stderr}");
    assert!(stderr.contains("missing:1:1: cannot open"), "{stderr}");
    assert!(stderr.contains("no workshop file could be read"), "{stderr}");
    assert!(!out.exists());
    let result = run(&["compare", text(dir.path()), "-o", text(&dir.path().join("out.txt"))]);
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr).contains("must end in .md, .csv or .pdf"));
}

#[test]
fn compare_names_the_characters_no_font_draws_in_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("workshops");
    // A private-use character: no bundled font has it.
    let team = "Team \u{E000} Orbit";
    for (file, mut workshop) in generated_portfolio(4, 2) {
        if file.starts_with("team-001") {
            workshop.details.team = team.to_owned();
        }
        write(&root.join(file), &workshop_to_ron(&workshop).unwrap());
    }
    let pdf = dir.path().join("portfolio.pdf");
    let result = Command::new(env!("CARGO_BIN_EXE_maturity-workshop"))
        .args(["compare", text(&root), "-o", text(&pdf)])
        .env("MATURITY_WORKSHOP_NO_SYSTEM_FONTS", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    // As export-pdf says it, naming the PDF and the page: the heatmap on
    // page 1, the trend charts on page 2.
    let expected = |page: usize| {
        format!("{}: warning: page {page}: no font draws \u{E000} (U+E000) in “{team}”", pdf.display())
    };
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines, [expected(1), expected(2)], "{stderr}");
    // Still in the document's text.
    let doc = lopdf::Document::load_mem(&std::fs::read(&pdf).unwrap()).unwrap();
    assert!(doc.extract_text(&[1]).unwrap().contains("Orbit"));
    // Markdown and CSV draw nothing, so they warn of nothing.
    for out in ["portfolio.md", "portfolio.csv"] {
        let result = run(&["compare", text(&root), "-o", text(&dir.path().join(out))]);
        assert!(result.status.success());
        assert!(result.stderr.is_empty(), "{out}: {}", String::from_utf8_lossy(&result.stderr));
    }
}
