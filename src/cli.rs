//! The command line: `maturity-workshop [COMMAND]`. With no command the app
//! opens; every command here runs headless and exits.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::model::bundled_models;
use crate::storage::read_model_file;

#[derive(Debug, Parser)]
#[command(name = "maturity-workshop", version, about = "Run a deployment-maturity workshop and leave with a roadmap.", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check maturity model files and print every problem as FILE:LINE:COLUMN: message.
    /// Exits 1 if any file has a problem, 0 when all are valid.
    Validate {
        /// Model files (RON) to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List the bundled models: id, version, levels and indicators.
    Models,
}

pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Validate { files } => validate(&files),
        Command::Models => list_models(),
    }
}

fn validate(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for file in files {
        match read_model_file(file) {
            Ok(loaded) => println!(
                "{}: ok ({} {}, {} levels, {} indicators)",
                file.display(),
                loaded.model.id,
                loaded.model.version,
                loaded.model.levels.len(),
                loaded.model.indicator_count()
            ),
            Err(problems) => {
                failed = true;
                eprintln!("{problems}");
            }
        }
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn list_models() -> ExitCode {
    let (models, problems) = bundled_models();
    println!("{:<40} {:>7} {:>6} {:>10}", "ID", "VERSION", "LEVELS", "INDICATORS");
    for model in &models {
        println!(
            "{:<40} {:>7} {:>6} {:>10}",
            model.id,
            model.version,
            model.levels.len(),
            model.indicator_count()
        );
    }
    for problem in &problems {
        eprintln!("{problem}");
    }
    if problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
