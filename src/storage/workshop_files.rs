//! Workshop files on disk, and the list of recently used ones.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{AppPaths, atomic_write, read_limited};
use crate::model::ron_options;
use crate::problem::{Problem, Problems};
use crate::workshop::Workshop;
use crate::workshop::file::{MAX_WORKSHOP_FILE_BYTES, parse_workshop, workshop_to_ron};

pub use crate::workshop::file::LoadedWorkshop;

/// Reads, parses and (when older) migrates a workshop file. Problems name
/// the file as given, with line and column.
pub fn read_workshop_file(path: &Path) -> Result<LoadedWorkshop, Problems> {
    let name = path.display().to_string();
    let bytes = read_limited(path, MAX_WORKSHOP_FILE_BYTES)
        .map_err(|message| Problems::single(Problem { file: name.clone(), line: 1, column: 1, message }))?;
    parse_workshop(&name, &bytes)
}

/// Saves a workshop atomically, keeping the previous version as `FILE.bak`.
///
/// The text is read back before anything touches the disk: a workshop
/// that would not open again is refused here, while the old file is intact
/// and the facilitator can still act, rather than discovered next week.
pub fn write_workshop_file(path: &Path, workshop: &Workshop) -> std::io::Result<()> {
    atomic_write(path, checked_workshop_text(workshop)?.as_bytes(), true)
}

/// The workshop as RON, verified to read back as the same workshop.
pub(crate) fn checked_workshop_text(workshop: &Workshop) -> std::io::Result<String> {
    let text = workshop_to_ron(workshop).map_err(std::io::Error::other)?;
    match parse_workshop("workshop", text.as_bytes()) {
        Ok(loaded) if loaded.workshop == *workshop => Ok(text),
        Ok(_) => Err(std::io::Error::other("the workshop did not read back unchanged; nothing was written")),
        Err(problems) => Err(std::io::Error::other(format!(
            "the workshop would not read back ({problems}); nothing was written"
        ))),
    }
}

/// How many files the start screen lists.
pub const MAX_RECENT_FILES: usize = 10;

#[derive(Debug, Default, Serialize, Deserialize)]
struct RecentFiles {
    /// Most recent first. Strings, not paths, so the file stays readable by
    /// hand; paths that are not UTF-8 are not remembered.
    #[serde(default)]
    files: Vec<String>,
    /// Folders read as a portfolio, most recent first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    portfolios: Vec<String>,
}

fn read_recent(paths: &AppPaths) -> RecentFiles {
    let Ok(bytes) = read_limited(&paths.recent_files(), 1024 * 1024) else { return RecentFiles::default() };
    let Ok(text) = std::str::from_utf8(&bytes) else { return RecentFiles::default() };
    ron_options().from_str::<RecentFiles>(text).unwrap_or_default()
}

/// Existing entries of `list` that pass `keep`, each once, capped.
fn existing(list: Vec<String>, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in list.into_iter().map(PathBuf::from) {
        if keep(&entry) && !found.contains(&entry) {
            found.push(entry);
        }
    }
    found.truncate(MAX_RECENT_FILES);
    found
}

/// The recently used workshop files, most recent first, without files that
/// no longer exist. A missing or unreadable list is an empty one: it is a
/// convenience, never worth an error.
pub fn load_recent_files(paths: &AppPaths) -> Vec<PathBuf> {
    existing(read_recent(paths).files, Path::is_file)
}

/// The folders recently read as a portfolio, most recent first, without
/// those that no longer exist.
pub fn load_recent_portfolios(paths: &AppPaths) -> Vec<PathBuf> {
    existing(read_recent(paths).portfolios, Path::exists)
}

/// Writes the list of files as given (deduplicated and cut to the
/// maximum), keeping the portfolios listed.
pub fn save_recent_files(paths: &AppPaths, files: &[PathBuf]) -> std::io::Result<()> {
    let portfolios = load_recent_portfolios(paths);
    save_recent(paths, files, &portfolios)
}

/// Writes both lists as given (deduplicated and cut to the maximum).
pub fn save_recent(paths: &AppPaths, files: &[PathBuf], portfolios: &[PathBuf]) -> std::io::Result<()> {
    let strings = |entries: &[PathBuf]| -> Vec<String> {
        let mut list = Vec::new();
        for entry in entries {
            push_recent(&mut list, entry);
        }
        list.iter().filter_map(|entry| entry.to_str().map(str::to_owned)).collect()
    };
    let recent = RecentFiles { files: strings(files), portfolios: strings(portfolios) };
    let pretty = ron::ser::PrettyConfig::new().struct_names(false).indentor("    ").new_line("\n");
    let text = ron_options().to_string_pretty(&recent, pretty).map_err(std::io::Error::other)?;
    std::fs::create_dir_all(&paths.data_dir)?;
    atomic_write(&paths.recent_files(), text.as_bytes(), false)
}

/// Puts `file` at the top of the list (after opening or saving it) and
/// returns the new list.
pub fn add_recent_file(paths: &AppPaths, file: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = load_recent_files(paths);
    files.insert(0, absolute(file));
    save_recent_files(paths, &files)?;
    Ok(load_recent_files(paths))
}

/// Takes `file` off the list (say, after it failed to open) and returns the
/// new list.
pub fn remove_recent_file(paths: &AppPaths, file: &Path) -> std::io::Result<Vec<PathBuf>> {
    let file = absolute(file);
    let files: Vec<PathBuf> = load_recent_files(paths).into_iter().filter(|known| *known != file).collect();
    save_recent_files(paths, &files)?;
    Ok(files)
}

/// Appends unless already listed, up to the maximum.
fn push_recent(list: &mut Vec<PathBuf>, file: &Path) {
    let file = absolute(file);
    if list.len() < MAX_RECENT_FILES && !list.contains(&file) {
        list.push(file);
    }
}

/// Absolute, so that one file opened from two working directories is one
/// entry and the list works whatever folder the app starts in.
fn absolute(file: &Path) -> PathBuf {
    std::path::absolute(file).unwrap_or_else(|_| file.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshop::sample::sample_workshop;

    #[test]
    fn write_then_read_keeps_the_workshop_and_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.workshop.ron");
        let mut workshop = sample_workshop();
        write_workshop_file(&path, &workshop).unwrap();
        workshop.general_notes = "second".into();
        write_workshop_file(&path, &workshop).unwrap();
        assert_eq!(read_workshop_file(&path).unwrap().workshop, workshop);
        let backup = read_workshop_file(&super::super::backup_path(&path)).unwrap();
        assert_ne!(backup.workshop.general_notes, "second");
    }

    #[test]
    fn a_missing_file_is_a_problem_naming_it() {
        let problems = read_workshop_file(Path::new("/nonexistent/w.workshop.ron")).unwrap_err();
        let text = problems.to_string();
        assert!(text.starts_with("/nonexistent/w.workshop.ron:1:1: cannot open: "), "{text}");
    }

    #[test]
    fn recent_files_are_most_recent_first_deduplicated_and_capped() {
        let dir = tempfile::tempdir().unwrap();
        let paths = AppPaths::at(dir.path().join("data"));
        assert!(load_recent_files(&paths).is_empty());
        let files: Vec<PathBuf> = (0..12).map(|i| dir.path().join(format!("{i}.workshop.ron"))).collect();
        for file in &files {
            std::fs::write(file, b"x").unwrap();
            add_recent_file(&paths, file).unwrap();
        }
        let list = add_recent_file(&paths, &files[5]).unwrap();
        assert_eq!(list.len(), MAX_RECENT_FILES);
        assert_eq!(list[0], files[5]);
        assert_eq!(list[1], files[11]);
        assert_eq!(list.iter().filter(|f| **f == files[5]).count(), 1);

        std::fs::remove_file(&files[11]).unwrap();
        let list = load_recent_files(&paths);
        assert!(!list.contains(&files[11]), "missing files are dropped on load");
        assert_eq!(remove_recent_file(&paths, &files[5]).unwrap()[0], files[10]);
    }

    #[test]
    fn portfolio_folders_are_remembered_beside_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let paths = AppPaths::at(dir.path().join("data"));
        let file = dir.path().join("w.workshop.ron");
        std::fs::write(&file, b"x").unwrap();
        let folder = dir.path().join("teams");
        std::fs::create_dir(&folder).unwrap();
        save_recent(&paths, std::slice::from_ref(&file), &[folder.clone(), dir.path().join("gone")]).unwrap();
        assert_eq!(load_recent_portfolios(&paths), std::slice::from_ref(&folder));
        assert_eq!(load_recent_files(&paths), std::slice::from_ref(&file));
        // Adding a file keeps the portfolios.
        add_recent_file(&paths, &file).unwrap();
        assert_eq!(load_recent_portfolios(&paths), [folder]);
    }

    #[test]
    fn a_broken_recent_list_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let paths = AppPaths::at(dir.path());
        std::fs::write(paths.recent_files(), b"(files: [").unwrap();
        assert!(load_recent_files(&paths).is_empty());
    }
}
