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
use crate::model_md::{import_markdown, is_markdown_name};
use crate::problem::{Problem, Problems};

/// A model read from a file, with where it came from.
#[derive(Clone, Debug)]
pub struct ModelFile {
    pub path: PathBuf,
    pub model: MaturityModel,
}

/// Reads and parses one model file. Problems name the file as given.
pub fn read_model_file(path: &Path) -> Result<ModelFile, Problems> {
    let (name, bytes) = read_model_bytes(path)?;
    let model = parse_model(&name, &bytes)?;
    Ok(ModelFile { path: path.to_owned(), model })
}

/// Reads a model from a RON file or, when its name ends in `.md` or
/// `.markdown`, from a Markdown document.
pub fn read_model_document(path: &Path) -> Result<ModelFile, Problems> {
    let (name, bytes) = read_model_bytes(path)?;
    let model =
        if is_markdown_path(path) { import_markdown(&name, &bytes)? } else { parse_model(&name, &bytes)? };
    Ok(ModelFile { path: path.to_owned(), model })
}

pub fn is_markdown_path(path: &Path) -> bool {
    path.file_name().is_some_and(|name| is_markdown_name(&name.to_string_lossy()))
}

fn read_model_bytes(path: &Path) -> Result<(String, Vec<u8>), Problems> {
    let name = path.display().to_string();
    let bytes = read_limited(path, MAX_MODEL_FILE_BYTES)
        .map_err(|message| Problems::single(Problem { file: name.clone(), line: 1, column: 1, message }))?;
    Ok((name, bytes))
}

/// Saves a model as RON in `dir` (the user models folder), named after its
/// id, atomically; a file it replaces is kept as `FILE.bak`. The text is
/// read back first, so a model that would not load again is never written.
pub fn save_user_model(dir: &Path, model: &MaturityModel) -> std::io::Result<PathBuf> {
    let text = crate::model::model_to_ron(model).map_err(std::io::Error::other)?;
    match parse_model("model", text.as_bytes()) {
        Ok(again) if again == *model => {}
        Ok(_) => {
            return Err(std::io::Error::other("the model did not read back unchanged; nothing was written"));
        }
        Err(problems) => return Err(std::io::Error::other(format!("the model is not valid: {problems}"))),
    }
    std::fs::create_dir_all(dir)?;
    let path = user_model_path(dir, &model.id);
    atomic_write(&path, format!("{text}\n").as_bytes(), true)?;
    Ok(path)
}

/// `ID.ron` in `dir`, unless a file of that name holds something else (a
/// model with another id, or a broken file someone is working on): then
/// `ID-2.ron` and on, so that saving never replaces another model.
fn user_model_path(dir: &Path, id: &str) -> PathBuf {
    (1..)
        .map(|n| dir.join(if n == 1 { format!("{id}.ron") } else { format!("{id}-{n}.ron") }))
        .find(|path| !path.exists() || read_model_file(path).is_ok_and(|file| file.model.id == id))
        .unwrap_or_else(|| dir.join(format!("{id}.ron")))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_model_replaces_its_own_file_and_no_other() {
        let dir = tempfile::tempdir().unwrap();
        let (mut models, _) = crate::model::bundled_models();
        let model = models.remove(0);
        let first = save_user_model(dir.path(), &model).unwrap();
        assert_eq!(first, dir.path().join(format!("{}.ron", model.id)));
        assert_eq!(save_user_model(dir.path(), &model).unwrap(), first, "the same model replaces its file");
        assert!(backup_path(&first).is_file());
        // A file of that name with something else in it is left alone.
        let other = models.remove(0);
        let squatter = dir.path().join(format!("{}.ron", other.id));
        std::fs::write(&squatter, "(broken").unwrap();
        let saved = save_user_model(dir.path(), &other).unwrap();
        assert_eq!(saved, dir.path().join(format!("{}-2.ron", other.id)));
        assert_eq!(std::fs::read_to_string(&squatter).unwrap(), "(broken");
        assert_eq!(read_model_file(&saved).unwrap().model, other);
    }
}
