//! Where the app keeps its files on each platform.

use std::path::PathBuf;

/// Set this to put every file the app writes in one folder (tests use it).
pub const DATA_DIR_ENV: &str = "MATURITY_WORKSHOP_DATA_DIR";

#[derive(Clone, Debug)]
pub struct AppPaths {
    /// e.g. `~/.local/share/maturity-workshop` on Linux.
    pub data_dir: PathBuf,
}

impl AppPaths {
    /// The platform data directory, or `MATURITY_WORKSHOP_DATA_DIR` when set.
    /// Falls back to a folder in the working directory when the platform
    /// has no home directory at all.
    pub fn discover() -> Self {
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|dir| !dir.is_empty()) {
            return Self { data_dir: PathBuf::from(dir) };
        }
        let data_dir = directories::ProjectDirs::from("org", "maturity-workshop", "maturity-workshop")
            .map_or_else(|| PathBuf::from(".maturity-workshop"), |dirs| dirs.data_dir().to_owned());
        Self { data_dir }
    }

    pub fn at(data_dir: impl Into<PathBuf>) -> Self {
        Self { data_dir: data_dir.into() }
    }

    /// The user's own models: every `*.ron` here is loaded at start-up.
    pub fn models_dir(&self) -> PathBuf {
        self.data_dir.join("models")
    }

    /// Where the open workshop is autosaved.
    pub fn autosave_file(&self) -> PathBuf {
        self.data_dir.join("autosave.workshop.ron")
    }

    pub fn recent_files(&self) -> PathBuf {
        self.data_dir.join("recent.ron")
    }
}
