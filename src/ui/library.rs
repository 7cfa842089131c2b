//! The models a facilitator can pick from: the bundled ones, the user's
//! models folder, and files opened during this run.

use std::path::PathBuf;
use std::sync::Arc;

use crate::model::{MaturityModel, bundled_models};
use crate::storage::read_model_folder;

#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    Bundled,
    File(PathBuf),
}

#[derive(Clone, Debug)]
pub struct LibraryModel {
    pub model: Arc<MaturityModel>,
    pub origin: Origin,
}

#[derive(Clone, Debug, Default)]
pub struct ModelLibrary {
    pub models: Vec<LibraryModel>,
    /// Problems with models that could not be loaded, one message each.
    pub problems: Vec<String>,
}

impl ModelLibrary {
    /// The bundled models only; what tests and a first start see.
    pub fn bundled() -> Self {
        let (models, problems) = bundled_models();
        Self {
            models: models
                .into_iter()
                .map(|model| LibraryModel { model: Arc::new(model), origin: Origin::Bundled })
                .collect(),
            problems: problems.iter().map(ToString::to_string).collect(),
        }
    }

    /// Bundled models plus every model in `user_dir`. Runs before the first
    /// frame, never inside one.
    pub fn load(user_dir: &std::path::Path) -> Self {
        let mut library = Self::bundled();
        let (files, problems) = read_model_folder(user_dir);
        for file in files {
            library.add(file.model, Origin::File(file.path));
        }
        library.problems.extend(problems.iter().map(ToString::to_string));
        library
    }

    /// Adds a model, replacing one with the same id from a file (a model
    /// opened twice is the same model). Returns its index.
    pub fn add(&mut self, model: MaturityModel, origin: Origin) -> usize {
        let entry = LibraryModel { model: Arc::new(model), origin };
        if let Some(index) = self.models.iter().position(|m| m.model.id == entry.model.id) {
            self.models[index] = entry;
            index
        } else {
            self.models.push(entry);
            self.models.len() - 1
        }
    }

    pub fn find(&self, model_id: &str) -> Option<&LibraryModel> {
        self.models.iter().find(|m| m.model.id == model_id)
    }
}
