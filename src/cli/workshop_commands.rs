//! Commands on workshop files: `sample`, `info`, and the hidden helpers
//! the crash-safety tests drive.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use crate::model::bundled_models;
use crate::storage::{
    AppPaths, Autosaver, flush_on_panic, flush_on_termination, read_workshop_file, write_workshop_file,
};
use crate::workshop::sample::sample_workshop;
use crate::workshop::{Workshop, detect_drift};

pub fn sample(output: &Path) -> ExitCode {
    let workshop = sample_workshop();
    match write_workshop_file(output, &workshop) {
        Ok(()) => {
            let answers: usize = workshop.assessments.iter().map(|a| a.answers.len()).sum();
            outln!(
                "{}: wrote the sample workshop ({} models, {answers} answers, {} actions)",
                output.display(),
                workshop.assessments.len(),
                workshop.actions.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            errln!("{}: cannot write: {error}", output.display());
            ExitCode::FAILURE
        }
    }
}

pub fn info(files: &[PathBuf]) -> ExitCode {
    let bundled: Vec<_> = bundled_models().0.into_iter().map(Arc::new).collect();
    let mut failed = false;
    for file in files {
        match read_workshop_file(file) {
            Ok(loaded) => {
                let migrated = loaded
                    .migrated_from
                    .map(|version| format!(", migrated from format version {version}"))
                    .unwrap_or_default();
                outln!("{}: ok{migrated}", file.display());
                print_summary(&loaded.workshop, &bundled);
            }
            Err(problems) => {
                failed = true;
                errln!("{problems}");
            }
        }
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn print_summary(workshop: &Workshop, bundled: &[Arc<crate::model::MaturityModel>]) {
    let details = &workshop.details;
    outln!(
        "  team: {}; facilitator: {}; date: {}; {} participants",
        details.team,
        details.facilitator,
        details.date,
        details.participants.len()
    );
    for assessment in &workshop.assessments {
        let model = &assessment.model;
        let level_name = |index: usize| model.levels.get(index).map_or("?", |level| level.name.as_str());
        let target = assessment.target_level().map_or("not set", level_name);
        let overridden = if assessment.is_current_overridden() { " (overridden)" } else { "" };
        outln!(
            "  {} v{}: current {}{overridden}, target {target}, {:.0}% answered",
            model.id,
            model.version,
            level_name(assessment.current_level()),
            assessment.answered_share() * 100.0
        );
        let orphans = assessment.orphaned_answers.len() + assessment.orphaned_levels.len();
        if orphans > 0 {
            outln!("    {orphans} answers or notes kept from earlier model versions");
        }
    }
    for drift in detect_drift(workshop, bundled) {
        outln!("  model drift: {drift}");
    }
    let actions = match workshop.actions.len() {
        1 => "1 action".to_owned(),
        count => format!("{count} actions"),
    };
    outln!("  {actions}; created {}, modified {}", workshop.created, workshop.modified);
}

/// Writes `count` generated workshops of `teams` teams under `dir`, one
/// folder per team, for benchmarks and screenshots.
pub fn generate_portfolio(count: usize, teams: usize, dir: &Path) -> ExitCode {
    for (file, workshop) in crate::workshop::sample::generated_portfolio(count, teams) {
        let path = dir.join(file);
        let text = match crate::workshop::file::workshop_to_ron(&workshop) {
            Ok(text) => text,
            Err(error) => {
                errln!("{}: {error}", path.display());
                return ExitCode::FAILURE;
            }
        };
        let written =
            path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&path, text));
        if let Err(error) = written {
            errln!("{}: cannot write: {error}", path.display());
            return ExitCode::FAILURE;
        }
    }
    outln!("{}: wrote {count} workshops of {teams} teams", dir.display());
    ExitCode::SUCCESS
}

/// The notes `stress-write` puts in write `count` of `seed`.
pub fn stress_notes(seed: u64, count: u64) -> String {
    format!("stress-write seed {seed} write {count}")
}

/// Writes the sample workshop to `file` over and over, each with the next
/// counter in its general notes, until the process is killed. Says `ready`
/// after the first write, so a test can kill it mid-work however long the
/// process took to start.
pub fn stress_write(file: &Path, seed: u64) -> ExitCode {
    let mut workshop = sample_workshop();
    for count in 0.. {
        workshop.general_notes = stress_notes(seed, count);
        if let Err(error) = write_workshop_file(file, &workshop) {
            errln!("{}: cannot write: {error}", file.display());
            return ExitCode::FAILURE;
        }
        if count == 0 {
            use std::io::Write;
            let mut stdout = std::io::stdout();
            let _ = writeln!(stdout, "ready");
            let _ = stdout.flush();
        }
    }
    ExitCode::SUCCESS
}

/// Queues a change for the autosave (whose debounce would hold it for a
/// second), says `ready`, and waits: a termination signal must flush it
/// before the process exits.
pub fn hold_autosave() -> ExitCode {
    let paths = AppPaths::discover();
    let autosaver = match Autosaver::start(paths.autosave_file()) {
        Ok(autosaver) => autosaver,
        Err(error) => {
            errln!("cannot start the autosave: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = flush_on_termination(autosaver.handle(), || std::process::exit(0)) {
        errln!("cannot handle signals: {error}");
        return ExitCode::FAILURE;
    }
    let mut workshop = sample_workshop();
    workshop.general_notes = "held until a signal".to_owned();
    autosaver.submit(1, workshop);
    outln!("ready");
    let _ = std::io::stdout().flush();
    loop {
        std::thread::sleep(Duration::from_secs(60));
    }
}

/// Queues an autosave, then panics with the autosave's worker leaked, so
/// that nothing unwinds to its `Drop` (which flushes too): only the panic
/// hook the app installs ([`flush_on_panic`]) can write the change, as
/// when a panic on the window's thread cannot unwind.
pub fn panic_with_autosave() -> ExitCode {
    let paths = AppPaths::discover();
    let autosaver = match Autosaver::start(paths.autosave_file()) {
        Ok(autosaver) => autosaver,
        Err(error) => {
            eprintln!("cannot start the autosave: {error}");
            return ExitCode::FAILURE;
        }
    };
    flush_on_panic(autosaver.handle());
    let mut workshop = sample_workshop();
    workshop.general_notes = "held until a panic".to_owned();
    autosaver.submit(1, workshop);
    std::mem::forget(autosaver);
    panic!("test panic with an autosave queued");
}
