use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;
use crate::storage::write_workshop_file;
use crate::workshop::sample::sample_workshop;

fn noted(text: &str) -> Workshop {
    let mut workshop = sample_workshop();
    workshop.general_notes = text.to_owned();
    workshop
}

fn fast() -> AutosaveOptions {
    AutosaveOptions {
        debounce: Duration::from_millis(100),
        max_delay: Duration::from_millis(250),
        on_change: None,
    }
}

fn wait_for(mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(10), "timed out");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_burst_of_changes_is_one_write_of_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::at(dir.path().join("data"));
    let writes = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&writes);
    let options = AutosaveOptions {
        debounce: Duration::from_millis(200),
        on_change: Some(Arc::new(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        })),
        ..fast()
    };
    let autosaver = Autosaver::start_with(paths.autosave_file(), options).unwrap();
    let started = Instant::now();
    for revision in 1..=5 {
        autosaver.submit(revision, noted(&format!("v{revision}")));
    }
    assert!(autosaver.status().pending);
    wait_for(|| autosaver.status().saved_revision == Some(5));
    assert!(started.elapsed() >= Duration::from_millis(150), "debounced");
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
    let autosaver = Autosaver::start_with(path.clone(), fast()).unwrap();
    let started = Instant::now();
    let mut revision = 0;
    // A change every 50 ms never leaves the 100 ms debounce quiet.
    while autosaver.status().saved_revision.is_none() {
        assert!(started.elapsed() < Duration::from_secs(2), "max delay not honoured");
        revision += 1;
        autosaver.submit(revision, noted(&revision.to_string()));
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(path.is_file());
}

#[test]
fn flush_writes_at_once_and_clear_removes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::at(dir.path());
    let options = AutosaveOptions {
        debounce: Duration::from_secs(60),
        max_delay: Duration::from_secs(60),
        on_change: None,
    };
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
    let options = AutosaveOptions {
        debounce: Duration::from_secs(60),
        max_delay: Duration::from_secs(60),
        on_change: None,
    };
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
