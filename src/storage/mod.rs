//! Everything that touches the disk: where files live, atomic writes, and
//! reading model files from folders. The domain modules stay free of I/O.

mod atomic;
pub mod autosave;
mod paths;
pub mod portfolio_files;
pub mod signals;
mod workshop_files;

pub use atomic::{atomic_write, backup_path};
pub use autosave::{
    AutosaveError, AutosaveHandle, AutosaveOptions, AutosaveStatus, Autosaver, RecoveredWorkshop, Recovery,
    clear_autosave, recoverable_autosave,
};
pub use paths::AppPaths;
pub use portfolio_files::{ReadProgress, find_workshop_files, read_portfolio};
pub use signals::{flush_on_panic, flush_on_termination, on_termination_signal};
pub use workshop_files::{
    LoadedWorkshop, MAX_RECENT_FILES, add_recent_file, load_recent_files, load_recent_portfolios,
    read_workshop_file, remove_recent_file, save_recent, save_recent_files, write_workshop_file,
};

use std::path::{Path, PathBuf};

use crate::model::{MAX_MODEL_FILE_BYTES, MaturityModel, parse_model};
use crate::problem::{Problem, Problems};

/// A model read from a file, with where it came from.
#[derive(Clone, Debug)]
pub struct ModelFile {
    pub path: PathBuf,
    pub model: MaturityModel,
}

/// Reads and parses one model file. Problems name the file as given.
pub fn read_model_file(path: &Path) -> Result<ModelFile, Problems> {
    let name = path.display().to_string();
    let bytes = read_limited(path, MAX_MODEL_FILE_BYTES)
        .map_err(|message| Problems::single(Problem { file: name.clone(), line: 1, column: 1, message }))?;
    let model = parse_model(&name, &bytes)?;
    Ok(ModelFile { path: path.to_owned(), model })
}

/// Reads a file, refusing to pull a huge one into memory: one byte over the
/// limit is enough for the parser to report the size.
pub fn read_limited(path: &Path, limit: usize) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|error| format!("cannot open: {error}"))?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(|error| format!("cannot read: {error}"))?;
    if bytes.len() > limit {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |meta| meta.len());
        return Err(format!(
            "file is {size} bytes; the limit is {limit} bytes ({} MiB)",
            limit / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

/// Every `*.ron` model in `dir`, sorted by file name. A missing folder is
/// simply empty; a broken file is reported and skipped.
pub fn read_model_folder(dir: &Path) -> (Vec<ModelFile>, Vec<Problems>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (Vec::new(), Vec::new());
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ron") && path.is_file())
        .collect();
    paths.sort();
    let mut models = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match read_model_file(&path) {
            Ok(model) => models.push(model),
            Err(error) => problems.push(error),
        }
    }
    (models, problems)
}
