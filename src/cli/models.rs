//! Model commands: list the models the app knows, and take models to and
//! from Markdown.

use std::path::Path;
use std::process::ExitCode;

use crate::model::{MAX_MODEL_FILE_BYTES, MaturityModel, bundled_models, model_to_ron, parse_model};
use crate::model_md::{is_markdown_name, model_to_markdown, parse_model_markdown};
use crate::storage::{AppPaths, atomic_write, read_model_document, read_model_folder};

fn row(model: &MaturityModel, from: &str) -> String {
    format!(
        "{:<40} {:>7} {:>6} {:>10}  {from}",
        model.id,
        model.version,
        model.levels.len(),
        model.indicator_count()
    )
}

/// The bundled models, then the user's, then where the user's folder is.
pub fn list_models(paths: &AppPaths) -> ExitCode {
    let (models, mut problems) = bundled_models();
    let folder = paths.models_dir();
    let (user, user_problems) = read_model_folder(&folder);
    outln!("{:<40} {:>7} {:>6} {:>10}  FROM", "ID", "VERSION", "LEVELS", "INDICATORS");
    for model in &models {
        outln!("{}", row(model, "bundled"));
    }
    for file in &user {
        let name = file.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let replaces =
            if models.iter().any(|m| m.id == file.model.id) { ", replaces the bundled one" } else { "" };
        outln!("{}", row(&file.model, &format!("user: {name}{replaces}")));
    }
    outln!("");
    let state = if !folder.is_dir() {
        "does not exist yet; put *.ron models there, or add one from the app".to_owned()
    } else {
        let broken = if user_problems.is_empty() {
            String::new()
        } else {
            format!(", {} broken, listed below", user_problems.len())
        };
        format!("{} model{}{broken}", user.len(), if user.len() == 1 { "" } else { "s" })
    };
    outln!("User models folder: {} ({state})", folder.display());
    // Only model files load from the folder; a document dropped there
    // would be silently ignored, so say what to do with it.
    let mut documents: Vec<String> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| is_markdown_name(name))
                .collect()
        })
        .unwrap_or_default();
    documents.sort();
    for name in documents {
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem);
        outln!(
            "  {name} is a Markdown document, not loaded from here: import it with `maturity-workshop import-md {name} -o {stem}.ron`"
        );
    }
    problems.extend(user_problems);
    for problem in &problems {
        errln!("{problem}");
    }
    if problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// Markdown in, RON out: the model is written only when it is valid and
/// its RON reads back as the same model.
pub fn import_md(input: &Path, output: &Path) -> ExitCode {
    let model = match read_model_document(input) {
        Ok(file) => file.model,
        Err(problems) => {
            errln!("{problems}");
            return ExitCode::FAILURE;
        }
    };
    let text = match model_to_ron(&model) {
        Ok(text) => format!("{text}\n"),
        Err(error) => {
            errln!("{}: cannot write the model: {error}", input.display());
            return ExitCode::FAILURE;
        }
    };
    // A document near the size limit can make a model file over it (ids
    // and the source title are made from the text): it would not open.
    if text.len() > MAX_MODEL_FILE_BYTES {
        errln!(
            "{}: the model file would be {} bytes, over the {} MiB a model file may have; nothing was written",
            input.display(),
            text.len(),
            MAX_MODEL_FILE_BYTES / (1024 * 1024)
        );
        return ExitCode::FAILURE;
    }
    if parse_model("check", text.as_bytes()).ok().as_ref() != Some(&model) {
        errln!("{}: the model would not read back unchanged; nothing was written", input.display());
        return ExitCode::FAILURE;
    }
    if let Err(error) = atomic_write(output, text.as_bytes(), true) {
        errln!("{}: cannot write: {error}", output.display());
        return ExitCode::FAILURE;
    }
    outln!(
        "{}: wrote {} {} ({} levels, {} indicators)",
        output.display(),
        model.id,
        model.version,
        model.levels.len(),
        model.indicator_count()
    );
    ExitCode::SUCCESS
}

/// A model (a bundled id, or a file) as Markdown. The document is read back
/// before it is written: a model it could not carry exactly (a level
/// without indicators, which Markdown import refuses) is reported instead.
pub fn export_model_md(given: &str, output: &Path) -> ExitCode {
    let model = given;
    let path = Path::new(model);
    let found = if path.is_file() {
        read_model_document(path).map(|file| file.model)
    } else {
        let (bundled, _) = bundled_models();
        match bundled.into_iter().find(|m| m.id == model) {
            Some(found) => Ok(found),
            None => {
                let ids: Vec<String> = bundled_models().0.into_iter().map(|m| m.id).collect();
                errln!("{model}: neither a model file nor a bundled model (bundled: {})", ids.join(", "));
                return ExitCode::FAILURE;
            }
        }
    };
    let model = match found {
        Ok(model) => model,
        Err(problems) => {
            errln!("{problems}");
            return ExitCode::FAILURE;
        }
    };
    let text = model_to_markdown(&model);
    let name = output.display().to_string();
    // Escapes make the document longer than the texts: a model near the
    // size limit can give a document import-md would refuse.
    if text.len() > MAX_MODEL_FILE_BYTES {
        errln!(
            "{given}: as Markdown it would be {} bytes, over the {} MiB import-md reads; nothing was written",
            text.len(),
            MAX_MODEL_FILE_BYTES / (1024 * 1024)
        );
        return ExitCode::FAILURE;
    }
    match parse_model_markdown(&name, &text) {
        Ok(again) if again == model => {}
        Ok(_) => {
            errln!("{name}: the Markdown would not read back as the same model; nothing was written");
            return ExitCode::FAILURE;
        }
        Err(problems) => {
            // Positions would point into a document that was never
            // written: say what stands in the way instead.
            let reasons: Vec<&str> = problems.0.iter().map(|problem| problem.message.as_str()).collect();
            errln!(
                "{given}: cannot be written as Markdown that imports again ({}); nothing was written",
                reasons.join("; ")
            );
            return ExitCode::FAILURE;
        }
    }
    if let Err(error) = atomic_write(output, text.as_bytes(), false) {
        errln!("{name}: cannot write: {error}");
        return ExitCode::FAILURE;
    }
    outln!("{name}: wrote {} {} as Markdown ({} bytes)", model.id, model.version, text.len());
    ExitCode::SUCCESS
}
