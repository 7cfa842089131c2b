//! The model commands through the real binary: Markdown in (`import-md`)
//! and out (`export-model-md`), `models` with a user models folder, and
//! model and workshop files as Windows editors write them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use maturity_workshop::model::{bundled_models, parse_model};
use maturity_workshop::storage::read_workshop_file;
use maturity_workshop::workshop::file::workshop_to_ron;
use maturity_workshop::workshop::sample::sample_workshop;

/// Runs the binary in `dir` with its own data folder, so that no test sees
/// the models of the person running them.
fn run_in(dir: &Path, data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_maturity-workshop"))
        .args(args)
        .current_dir(dir)
        .env("MATURITY_WORKSHOP_DATA_DIR", data)
        .output()
        .unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(name)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_seed_document_imports_as_it_is_into_a_valid_model_file() {
    let dir = tempfile::tempdir().unwrap();
    let seed = fixture("fixtures/deployment-levels.md");
    let output =
        run_in(dir.path(), dir.path(), &["import-md", seed.to_str().unwrap(), "-o", "deployment.ron"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "deployment.ron: wrote deployment 1 (3 levels, 12 indicators)\n");
    let written = std::fs::read(dir.path().join("deployment.ron")).unwrap();
    let model = parse_model("deployment.ron", &written).unwrap();
    assert_eq!(
        model.levels.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(),
        ["Level 0", "Level 1", "Level 2"]
    );
    let validated = run_in(dir.path(), dir.path(), &["validate", "deployment.ron"]);
    assert!(validated.status.success(), "{}", stderr(&validated));
}

#[test]
fn every_bundled_model_goes_to_markdown_and_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let (models, _) = bundled_models();
    for model in models {
        let md = format!("{}.md", model.id);
        let ron = format!("{}.ron", model.id);
        let output = run_in(dir.path(), dir.path(), &["export-model-md", &model.id, "-o", &md]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(
            stdout(&output).starts_with(&format!("{md}: wrote {} {} as Markdown (", model.id, model.version))
        );
        let output = run_in(dir.path(), dir.path(), &["import-md", &md, "-o", &ron]);
        assert!(output.status.success(), "{}", stderr(&output));
        let again = parse_model(&ron, &std::fs::read(dir.path().join(&ron)).unwrap()).unwrap();
        assert_eq!(again, model, "{}", model.id);
        // A model file works as well as an id.
        let output = run_in(dir.path(), dir.path(), &["export-model-md", &ron, "-o", "again.md"]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(
            std::fs::read(dir.path().join("again.md")).unwrap(),
            std::fs::read(dir.path().join(&md)).unwrap()
        );
    }
}

#[test]
fn a_broken_document_is_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("broken-models/problems.md"), dir.path().join("problems.md")).unwrap();
    let output = run_in(dir.path(), dir.path(), &["import-md", "problems.md", "-o", "problems.ron"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "problems.md:11:3: indicator \"copied\" refers to unknown dimension \"rollbak\" (the model has no dimensions)\n\
         problems.md:14:3: duplicate indicator id \"copied\" (first used at 10:3)\n\
         problems.md:20:1: level \"Scripted\" has no indicators: list them under a heading \"Indicators\" below it\n"
    );
    assert!(!dir.path().join("problems.ron").exists());

    let output = run_in(dir.path(), dir.path(), &["export-model-md", "no-such-model", "-o", "x.md"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with(
            "no-such-model: neither a model file nor a bundled model (bundled: deployment-maturity-model, "
        ),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("x.md").exists());

    // A valid model that Markdown cannot carry: a level without indicators.
    std::fs::write(
        dir.path().join("empty-level.ron"),
        r#"(id: "e", version: 1, title: "E", summary: "", source: (title: "S"), levels: [
            (id: "a", name: "A", summary: "", indicators: []),
            (id: "b", name: "B", summary: "", indicators: [(id: "x", statement: "X")])])"#,
    )
    .unwrap();
    let output = run_in(dir.path(), dir.path(), &["export-model-md", "empty-level.ron", "-o", "e.md"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "empty-level.ron: cannot be written as Markdown that imports again (level \"A\" has no indicators: list them under a heading \"Indicators\" below it); nothing was written\n"
    );
    assert!(!dir.path().join("e.md").exists());

    // A model file under the size limit whose Markdown would be over it (a
    // line break is 2 bytes in RON, 5 as a character reference).
    let breaks = "\\n".repeat(300_000);
    std::fs::write(
        dir.path().join("long.ron"),
        format!(
            r#"(id: "l", version: 1, title: "L", summary: "{breaks}", source: (title: "S"), levels: [
            (id: "a", name: "A", summary: "", indicators: [(id: "w", statement: "W")]),
            (id: "b", name: "B", summary: "", indicators: [(id: "x", statement: "X")])])"#
        ),
    )
    .unwrap();
    let output = run_in(dir.path(), dir.path(), &["export-model-md", "long.ron", "-o", "l.md"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("long.ron: as Markdown it would be 1500"), "{}", stderr(&output));
    assert!(stderr(&output).ends_with("bytes, over the 1 MiB import-md reads; nothing was written\n"));
    assert!(!dir.path().join("l.md").exists());
}

#[test]
fn models_lists_the_user_folder_and_its_broken_files() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let output = run_in(dir.path(), &data, &["models"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let models = data.join("models");
    assert!(
        stdout(&output).ends_with(&format!(
            "\nUser models folder: {} (does not exist yet; put *.ron models there, or add one from the app)\n",
            models.display()
        )),
        "{}",
        stdout(&output)
    );

    std::fs::create_dir_all(&models).unwrap();
    let seed = fixture("fixtures/deployment-levels.md");
    let imported =
        run_in(dir.path(), &data, &["import-md", seed.to_str().unwrap(), "-o", "data/models/mine.ron"]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    std::fs::write(models.join("broken.ron"), "(\n    id: \"b\"\n    version: 1,\n)").unwrap();
    std::fs::write(models.join("draft.md"), "# Draft").unwrap();
    let output = run_in(dir.path(), &data, &["models"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    // Every bundled model, whatever its current version, then the user's.
    for model in bundled_models().0 {
        let row = format!(
            "{:<40} {:>7} {:>6} {:>10}  bundled\n",
            model.id,
            model.version,
            model.levels.len(),
            model.indicator_count()
        );
        assert!(text.contains(&row), "{row:?} in {text}");
    }
    assert!(
        text.contains("deployment                                     1      3         12  user: mine.ron\n"),
        "{text}"
    );
    assert!(
        text.ends_with(&format!(
            "User models folder: {} (1 model, 1 broken, listed below)\n  draft.md is a Markdown document, not loaded from here: import it with `maturity-workshop import-md draft.md -o draft.ron`\n",
            models.display()
        )),
        "{text}"
    );
    assert_eq!(stderr(&output), format!("{}:3:5: Expected comma\n", models.join("broken.ron").display()));
}

#[test]
fn byte_order_marks_and_crlf_line_ends_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = std::fs::read_to_string(fixture("../models/deployment-levels.ron")).unwrap();
    let windows = format!("\u{feff}{}", bundled.replace('\n', "\r\n"));
    std::fs::write(dir.path().join("windows.ron"), &windows).unwrap();
    let output = run_in(dir.path(), dir.path(), &["validate", "windows.ron"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(parse_model("w", windows.as_bytes()).unwrap(), bundled_models().0[2]);

    // A problem in such a file is where it is in the same file without them.
    let version = bundled.find("version: ").unwrap();
    let comma = version + bundled[version..].find(',').unwrap();
    let broken = format!("{}version: \"one\"{}", &bundled[..version], &bundled[comma..]);
    std::fs::write(dir.path().join("broken.ron"), &broken).unwrap();
    let plain = stderr(&run_in(dir.path(), dir.path(), &["validate", "broken.ron"]));
    assert_eq!(plain, "broken.ron:3:13: Expected integer\n");
    std::fs::write(dir.path().join("broken.ron"), format!("\u{feff}{}", broken.replace('\n', "\r\n")))
        .unwrap();
    assert_eq!(stderr(&run_in(dir.path(), dir.path(), &["validate", "broken.ron"])), plain);

    let workshop = format!("\u{feff}{}", workshop_to_ron(&sample_workshop()).unwrap().replace('\n', "\r\n"));
    let path = dir.path().join("windows.workshop.ron");
    std::fs::write(&path, workshop).unwrap();
    assert_eq!(read_workshop_file(&path).unwrap().workshop, sample_workshop());
    let output = run_in(dir.path(), dir.path(), &["info", "windows.workshop.ron"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn a_workshop_whose_model_copy_hides_text_is_refused_with_the_position() {
    let dir = tempfile::tempdir().unwrap();
    let text = workshop_to_ron(&sample_workshop()).unwrap();
    let statement = &sample_workshop().assessments[0].model.levels[0].indicators[0].statement;
    let hidden = text.replacen(statement.as_str(), &format!("\u{202E}{statement}"), 1);
    let path = dir.path().join("hidden.workshop.ron");
    std::fs::write(&path, &hidden).unwrap();
    let problems = read_workshop_file(&path).unwrap_err().to_string();
    let line = hidden.lines().position(|line| line.contains('\u{202E}')).unwrap() + 1;
    assert!(
        problems.starts_with(&format!("{}:{line}:", path.display()))
            && problems.ends_with(
                "indicator statement (character 1): the bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed: it reorders text on the wall and in the PDF"
            ),
        "{problems}"
    );
    // A note may hold any text the team wrote.
    let note = text.replacen("general_notes: \"", "general_notes: \"\u{202E}", 1);
    assert_ne!(note, text);
    std::fs::write(&path, &note).unwrap();
    assert!(read_workshop_file(&path).is_ok());
}
