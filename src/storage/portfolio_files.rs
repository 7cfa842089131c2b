//! Finding and reading many workshop files for the portfolio: folders are
//! searched recursively for `*.workshop.ron`, files are read in parallel,
//! and each is boiled down to its summary as soon as it is parsed, so
//! memory holds summaries, not a thousand copies of the models.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use super::read_limited;
use crate::portfolio::{ModelCatalogue, Portfolio, SkipReason, SkippedFile, WorkshopSummary, summarise};
use crate::problem::{Problem, Problems};
use crate::workshop::FORMAT_VERSION;
use crate::workshop::file::{MAX_WORKSHOP_FILE_BYTES, WORKSHOP_EXTENSION, format_version, parse_workshop};

/// How far a read has got; shared with whoever shows it, and a way to stop.
#[derive(Debug, Default)]
pub struct ReadProgress {
    total: AtomicUsize,
    done: AtomicUsize,
    cancelled: AtomicBool,
}

impl ReadProgress {
    /// Files read so far and files found (0 while still searching).
    pub fn counts(&self) -> (usize, usize) {
        (self.done.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed))
    }

    /// Asks the read to stop; files not yet started are left out.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// Every workshop file under `sources`: a folder is searched through its
/// subfolders (hidden ones, such as `.git`, left out; symbolic links to
/// folders not followed, so a loop cannot trap the search), a file is taken
/// as given. Sorted, each once. Sources that cannot be read are problems.
pub fn find_workshop_files(sources: &[PathBuf]) -> (Vec<PathBuf>, Vec<SkippedFile>) {
    let mut found = BTreeSet::new();
    let mut problems = Vec::new();
    for source in sources {
        match std::fs::metadata(source) {
            Ok(meta) if meta.is_dir() => search(source, &mut found, &mut problems),
            Ok(_) => {
                found.insert(source.clone());
            }
            Err(error) => problems.push(broken(source, format!("cannot open: {error}"))),
        }
    }
    (found.into_iter().collect(), problems)
}

fn search(folder: &Path, found: &mut BTreeSet<PathBuf>, problems: &mut Vec<SkippedFile>) {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(broken(folder, format!("cannot read the folder: {error}")));
            return;
        }
    };
    let ending = format!(".{WORKSHOP_EXTENSION}");
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            search(&path, found, problems);
        } else if name.ends_with(&ending) && (kind.is_file() || path.is_file()) {
            found.insert(path);
        }
    }
}

fn broken(path: &Path, message: String) -> SkippedFile {
    let file = path.display().to_string();
    let problem = Problem { file: file.clone(), line: 1, column: 1, message };
    SkippedFile::new(file, vec![problem], SkipReason::Broken)
}

/// What one worker gathered.
#[derive(Default)]
struct Gathered {
    workshops: Vec<WorkshopSummary>,
    catalogue: ModelCatalogue,
    skipped: Vec<SkippedFile>,
}

impl Gathered {
    fn merge(mut self, other: Gathered) -> Gathered {
        self.workshops.extend(other.workshops);
        self.catalogue.merge(other.catalogue);
        self.skipped.extend(other.skipped);
        self
    }
}

/// Reads every workshop file under `sources` in parallel. Files that
/// cannot be read are listed with their problem and skipped; they never
/// stop the others.
pub fn read_portfolio(sources: &[PathBuf], progress: &ReadProgress) -> Portfolio {
    let (files, mut skipped) = find_workshop_files(sources);
    progress.total.store(files.len(), Ordering::Relaxed);
    let gathered = files
        .into_par_iter()
        .fold(Gathered::default, |mut gathered, path| {
            if progress.is_cancelled() {
                return gathered;
            }
            match read_summary(&path, &mut gathered.catalogue) {
                Ok(summary) => gathered.workshops.push(summary),
                Err(skip) => gathered.skipped.push(skip),
            }
            progress.done.fetch_add(1, Ordering::Relaxed);
            gathered
        })
        .reduce(Gathered::default, Gathered::merge);
    skipped.extend(gathered.skipped);
    Portfolio::new(sources.to_vec(), gathered.workshops, gathered.catalogue, skipped)
}

/// One file's summary; the parsed workshop is dropped here.
fn read_summary(path: &Path, catalogue: &mut ModelCatalogue) -> Result<WorkshopSummary, SkippedFile> {
    let name = path.display().to_string();
    let bytes = read_limited(path, MAX_WORKSHOP_FILE_BYTES).map_err(|message| broken(path, message))?;
    match parse_workshop(&name, &bytes) {
        Ok(loaded) => Ok(summarise(&loaded.workshop, path.to_owned(), catalogue)),
        Err(Problems(problems)) => {
            let reason = match std::str::from_utf8(&bytes).ok().and_then(format_version) {
                Some(version) if version > FORMAT_VERSION => SkipReason::NewerFormat(version),
                _ => SkipReason::Broken,
            };
            Err(SkippedFile::new(name, problems, reason))
        }
    }
}
