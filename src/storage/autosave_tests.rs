use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;
use crate::storage::write_workshop_file;
use crate::workshop::sample::sample_workshop;

fn noted(text: &str) -> Workshop {
    let mut workshop = sample_workshop();
    workshop.general_notes = text.to_owned();
    workshop
}

/// Short delays on a clock that moves only when a test moves it: nothing
/// here depends on how fast the machine is.
fn simulated(debounce_ms: u64, max_delay_ms: u64) -> (AutosaveOptions, Arc<SimulatedClock>) {
    let clock = SimulatedClock::new();
    let options = AutosaveOptions {
        debounce: Duration::from_millis(debounce_ms),
        max_delay: Duration::from_millis(max_delay_ms),
        on_change: None,
        clock: clock.clone(),
    };
    (options, clock)
}

fn fast() -> AutosaveOptions {
    simulated(100, 250).0
}

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

#[test]
fn a_burst_of_changes_is_one_write_of_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::at(dir.path().join("data"));
    let writes = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&writes);
    let (options, clock) = simulated(200, 250);
    let options = AutosaveOptions {
        on_change: Some(Arc::new(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        })),
        ..options
    };
    let autosaver = Autosaver::start_with(paths.autosave_file(), options).unwrap();
    for revision in 1..=5 {
        autosaver.submit(revision, noted(&format!("v{revision}")));
    }
    autosaver.settle();
    assert!(autosaver.status().pending);
    clock.advance(ms(199));
    autosaver.settle();
    assert_eq!(autosaver.status().saved_revision, None, "debounced");
    assert!(!paths.autosave_file().exists());
    clock.advance(ms(1));
    autosaver.settle();
    assert_eq!(autosaver.status().saved_revision, Some(5));
    assert_eq!(writes.load(Ordering::SeqCst), 1);
    assert!(!autosaver.status().pending);
    let Some(Recovery::Recovered(recovered)) = recoverable_autosave(&paths) else {
        panic!("nothing to recover")
    };
    assert_eq!(recovered.workshop, noted("v5"));
    assert_eq!(recovered.file, None);
    assert!(recovered.autosaved_at.is_some());
}

#[test]
fn steady_typing_is_saved_within_the_maximum_delay() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("autosave.workshop.ron");
    let (options, clock) = simulated(100, 250);
    let autosaver = Autosaver::start_with(path.clone(), options).unwrap();
    // A change every 50 ms never leaves the 100 ms debounce quiet; the
    // first change is written 250 ms after it came, with the newest.
    for revision in 1..=5 {
        autosaver.submit(revision, noted(&revision.to_string()));
        clock.advance(ms(50));
        autosaver.settle();
        let expected = (revision == 5).then_some(5);
        assert_eq!(autosaver.status().saved_revision, expected, "after {} ms", revision * 50);
    }
    assert!(path.is_file());
}

#[test]
fn a_failed_write_is_retried_after_a_pause() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("data"), b"").unwrap();
    let paths = AppPaths::at(dir.path().join("data"));
    let (options, clock) = simulated(100, 250);
    let autosaver = Autosaver::start_with(paths.autosave_file(), options).unwrap();
    autosaver.submit(1, noted("x"));
    clock.advance(ms(100));
    autosaver.settle();
    assert!(autosaver.last_error().is_some());
    std::fs::remove_file(dir.path().join("data")).unwrap();
    clock.advance(RETRY - ms(1));
    autosaver.settle();
    assert_eq!(autosaver.status().saved_revision, None, "not before the retry is due");
    clock.advance(ms(1));
    autosaver.settle();
    assert_eq!(autosaver.status().saved_revision, Some(1));
    assert_eq!(autosaver.last_error(), None);
}

#[test]
fn flush_writes_at_once_and_clear_removes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::at(dir.path());
    let options = fast();
    let autosaver = Autosaver::start_with(paths.autosave_file(), options).unwrap();
    autosaver.submit(7, noted("flushed"));
    autosaver.flush().unwrap();
    assert_eq!(autosaver.status().saved_revision, Some(7));
    assert!(paths.autosave_file().is_file());
    autosaver.clear();
    autosaver.flush().unwrap();
    assert!(!paths.autosave_file().exists());
    assert_eq!(recoverable_autosave(&paths), None);
}

#[test]
fn dropping_the_autosaver_writes_what_is_queued() {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::at(dir.path());
    let options = fast();
    let autosaver = Autosaver::start_with(paths.autosave_file(), options).unwrap();
    autosaver.submit(1, noted("on close"));
    drop(autosaver);
    let Some(Recovery::Recovered(recovered)) = recoverable_autosave(&paths) else { panic!() };
    assert_eq!(recovered.workshop.general_notes, "on close");
}

#[test]
fn the_file_it_belongs_to_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::at(dir.path().join("data"));
    // Quotes and a line break would end a header line if not escaped.
    let name = if cfg!(unix) { "Équipe \"A\"\nnew line.workshop.ron" } else { "Équipe A.workshop.ron" };
    let file = dir.path().join(name);
    write_workshop_file(&file, &noted("saved")).unwrap();
    let autosaver = Autosaver::start_with(paths.autosave_file(), fast()).unwrap();
    autosaver.set_file(Some(file.clone()));
    autosaver.submit(1, noted("unsaved"));
    autosaver.flush().unwrap();
    let Some(Recovery::Recovered(recovered)) = recoverable_autosave(&paths) else { panic!() };
    assert_eq!(recovered.file.as_deref(), Some(file.as_path()));

    // Identical to its file: nothing unsaved, nothing offered.
    autosaver.submit(2, noted("saved"));
    autosaver.flush().unwrap();
    assert_eq!(recoverable_autosave(&paths), None);
    assert!(!paths.autosave_file().exists());
}

#[test]
fn a_failed_write_is_reported_and_retried_by_the_next_change() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the data folder should be: nothing can be written there,
    // even by root.
    std::fs::write(dir.path().join("data"), b"").unwrap();
    let paths = AppPaths::at(dir.path().join("data"));
    let autosaver = Autosaver::start_with(paths.autosave_file(), fast()).unwrap();
    autosaver.submit(1, noted("x"));
    let error = autosaver.flush().unwrap_err();
    assert!(matches!(error, AutosaveError::Write(_)), "{error}");
    let shown = autosaver.last_error().unwrap();
    assert!(shown.starts_with("autosave failed: "), "{shown}");
    assert!(autosaver.status().pending, "kept for a retry");

    std::fs::remove_file(dir.path().join("data")).unwrap();
    autosaver.submit(2, noted("y"));
    autosaver.flush().unwrap();
    assert_eq!(autosaver.last_error(), None);
    assert_eq!(autosaver.status().saved_revision, Some(2));
}

#[test]
fn a_broken_autosave_is_renamed_aside_never_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::at(dir.path());
    std::fs::write(paths.autosave_file(), b"(\n    format_version: 2,\n    details: (team: 5),\n").unwrap();
    let Some(Recovery::Broken { problems, kept_as, rename_error }) = recoverable_autosave(&paths) else {
        panic!("not reported as broken")
    };
    assert_eq!(rename_error, None);
    assert_eq!((problems.0[0].line, problems.0[0].column), (3, 20));
    assert!(!paths.autosave_file().exists());
    let name = kept_as.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("autosave.broken-") && name.ends_with(".workshop.ron"), "{name}");
    assert_eq!(std::fs::read(&kept_as).unwrap(), b"(\n    format_version: 2,\n    details: (team: 5),\n");
    assert_eq!(recoverable_autosave(&paths), None, "out of the way of the next start");

    // A second broken one in the same second gets its own name.
    std::fs::write(paths.autosave_file(), b"(").unwrap();
    let Some(Recovery::Broken { kept_as: second, .. }) = recoverable_autosave(&paths) else { panic!() };
    assert_ne!(second, kept_as);
    assert!(kept_as.exists() && second.exists());
}

#[test]
fn clear_autosave_without_a_worker() {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::at(dir.path());
    clear_autosave(&paths).unwrap();
    std::fs::write(paths.autosave_file(), b"x").unwrap();
    clear_autosave(&paths).unwrap();
    assert!(!paths.autosave_file().exists());
}

#[test]
fn a_new_file_name_alone_rewrites_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::at(dir.path());
    let autosaver = Autosaver::start_with(paths.autosave_file(), fast()).unwrap();
    autosaver.submit(1, noted("unsaved"));
    autosaver.flush().unwrap();
    autosaver.set_file(Some(dir.path().join("b.workshop.ron")));
    autosaver.flush().unwrap();
    let Some(Recovery::Recovered(recovered)) = recoverable_autosave(&paths) else { panic!() };
    assert_eq!(recovered.file, Some(dir.path().join("b.workshop.ron")));
    assert_eq!(recovered.workshop.general_notes, "unsaved");
}

#[test]
fn an_autosave_that_does_not_hold_together_is_not_offered() {
    // Recovery runs the same checks as opening (issue 10).
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::at(dir.path());
    let mut workshop = noted("x");
    workshop.assessments[0].target_level = Some("no-such-level".into());
    let text = autosave_text(&workshop, None).unwrap();
    std::fs::write(paths.autosave_file(), &text).unwrap();
    let Some(Recovery::Broken { problems, kept_as, .. }) = recoverable_autosave(&paths) else {
        panic!("offered for recovery")
    };
    assert!(problems.to_string().contains("the target is unknown level \"no-such-level\""), "{problems}");
    assert_eq!(std::fs::read_to_string(kept_as).unwrap(), text, "kept as it was");
}
