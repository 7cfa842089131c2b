//! The command line: `maturity-workshop [COMMAND]`. With no command the app
//! opens; every command here runs headless and exits.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// `println!` that never panics on a closed stdout (see `output`).
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::output::out(format_args!($($arg)*)) };
}

/// `eprintln!` that never panics on a closed stderr.
macro_rules! errln {
    ($($arg:tt)*) => { $crate::cli::output::err(format_args!($($arg)*)) };
}

mod compare;
mod models;
pub mod output;
mod workshop_commands;
pub use compare::{CompareFormat, render as render_compare};
pub use workshop_commands::stress_notes;

use crate::pdf::{MissingGlyphs, Paper, Rendered, render};
use crate::storage::{atomic_write, read_model_document, read_workshop_file};
use crate::workshop::Workshop;

/// `--help` and the man page's description (examples/gen-docs.rs).
const LONG_ABOUT: &str = "Run a deployment-maturity workshop and leave with a roadmap.

With no command, opens the app, and WORKSHOP (a .workshop.ron file) if one is given. \
The commands run without a window: check model files, summarise workshop files, write \
the sample workshop, and export a workshop's roadmap as PDF or Markdown.";

/// The man page's extra section and the end of `--help`.
const AFTER_LONG_HELP: &str = "Files (on Linux; MATURITY_WORKSHOP_DATA_DIR replaces the data folder):
  ~/.local/share/maturity-workshop/models/*.ron
      your own models, loaded at start-up
  ~/.local/share/maturity-workshop/autosave.workshop.ron
      unsaved work, offered for recovery at the next start
  ~/.local/share/maturity-workshop/recent.ron
      the recent workshops";

#[derive(Debug, Parser)]
#[command(
    name = "maturity-workshop",
    version,
    about = "Run a deployment-maturity workshop and leave with a roadmap.",
    long_about = LONG_ABOUT,
    after_long_help = AFTER_LONG_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A workshop file to open in the app, or a folder of them to open as
    /// a portfolio.
    pub workshop: Option<std::path::PathBuf>,
    /// Open the audience window (for the projector) with the app.
    #[arg(long)]
    pub audience: bool,
    /// Start with the room's vote open: participants vote from their phones
    /// (prints `voting: URL` on stdout).
    #[arg(long)]
    pub vote: bool,
    /// Where the voting server listens, ADDR or ADDR:PORT (default: this
    /// laptop's address on the room network, a free port).
    #[arg(long, value_name = "ADDR[:PORT]", value_parser = crate::voting::parse_bind)]
    pub vote_bind: Option<std::net::SocketAddr>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check maturity model files and print every problem as FILE:LINE:COLUMN: message.
    /// Exits 1 if any file has a problem, 0 when all are valid.
    Validate {
        /// Model files to check: RON, or Markdown (.md) as import-md reads it.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List the bundled models and those in the user models folder: id,
    /// version, levels, indicators and where each comes from. Broken files
    /// in the folder are printed as FILE:LINE:COLUMN: message and exit 1.
    Models,
    /// Read a model written in Markdown (see models/README.md) and write it
    /// as a model file (RON). Problems are printed as FILE:LINE:COLUMN:
    /// message and exit 1; nothing is written then.
    ImportMd {
        /// The Markdown document.
        input: PathBuf,
        /// Where to write the model (.ron); an existing file is kept as FILE.bak.
        #[arg(short, long, value_name = "MODEL.ron")]
        output: PathBuf,
    },
    /// Write a model as a Markdown document of the shape import-md reads, to
    /// review in a wiki and import again unchanged.
    ExportModelMd {
        /// A bundled model's id (see `models`) or a model file.
        model: String,
        /// Where to write the Markdown.
        #[arg(short, long, value_name = "MODEL.md")]
        output: PathBuf,
    },
    /// Write the sample workshop (every bundled model, filled in) to a file.
    Sample {
        /// Where to write it (.workshop.ron); an existing file is kept as FILE.bak.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Check workshop files and summarise each: team, models, current and
    /// target levels, model drift. Problems are printed as
    /// FILE:LINE:COLUMN: message and exit 1.
    Info {
        /// Workshop files (.workshop.ron).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Read many workshop files (folders are searched recursively for
    /// *.workshop.ron) and compare them: teams by models, each team's trend
    /// over time, the gaps most teams share. OUT ends in .md, .csv or .pdf.
    /// Files that cannot be read are printed as FILE:LINE:COLUMN: message
    /// and skipped; exits 1 only when none could be read.
    Compare {
        /// Folders and workshop files.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Where to write the comparison (.md, .csv or .pdf).
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        /// Only this model (its id, as `models` lists it).
        #[arg(long, value_name = "MODEL_ID")]
        model: Option<String>,
        /// Only workshops on or after this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Only workshops on or before this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Paper size of a PDF.
        #[arg(long, value_enum, default_value_t = Paper::A4)]
        paper: Paper,
    },
    /// Benchmark helper: writes COUNT generated workshops of TEAMS teams
    /// (the sample with varied teams, dates and answers) under DIR.
    #[command(hide = true)]
    GeneratePortfolio {
        #[arg(long)]
        count: usize,
        #[arg(long)]
        teams: usize,
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
    },
    /// Test helper: writes workshops to FILE without end, until killed.
    #[command(hide = true)]
    StressWrite {
        #[arg(long)]
        file: PathBuf,
        #[arg(long, default_value_t = 0)]
        seed: u64,
    },
    /// Test helper: queues an autosave, prints "ready", and waits for a
    /// termination signal, which must flush it.
    #[command(hide = true)]
    HoldAutosave,
    /// Test helper: queues an autosave and panics at once; the panic hook
    /// must flush it.
    #[command(hide = true)]
    PanicWithAutosave,
    /// Write the roadmap of a workshop file as a PDF. Problems in the file are
    /// printed as FILE:LINE:COLUMN: message and exit 1.
    ExportPdf {
        /// The workshop file (.workshop.ron).
        workshop: PathBuf,
        /// Where to write the PDF.
        #[arg(short, long, value_name = "OUT.pdf")]
        output: PathBuf,
        /// Paper size.
        #[arg(long, value_enum, default_value_t = Paper::A4)]
        paper: Paper,
    },
    /// Write the roadmap of a workshop file as Markdown, to edit or paste into
    /// a wiki. Problems in the file are printed as FILE:LINE:COLUMN: message and exit 1.
    ExportMd {
        /// The workshop file (.workshop.ron).
        workshop: PathBuf,
        /// Where to write the Markdown.
        #[arg(short, long, value_name = "OUT.md")]
        output: PathBuf,
    },
}

/// The paper sizes as the command line spells them (`--paper a4|letter`);
/// implemented here so the PDF module needs no clap.
impl ValueEnum for Paper {
    fn value_variants<'a>() -> &'a [Self] {
        &Paper::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(match self {
            Paper::A4 => clap::builder::PossibleValue::new("a4"),
            Paper::Letter => clap::builder::PossibleValue::new("letter"),
        })
    }
}

pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Validate { files } => validate(&files),
        Command::Models => models::list_models(&crate::storage::AppPaths::discover()),
        Command::ImportMd { input, output } => models::import_md(&input, &output),
        Command::ExportModelMd { model, output } => models::export_model_md(&model, &output),
        Command::Sample { output } => workshop_commands::sample(&output),
        Command::Info { files } => workshop_commands::info(&files),
        Command::Compare { paths, output, model, from, to, paper } => {
            compare::compare(compare::CompareArgs {
                paths,
                output,
                filter: crate::portfolio::Filter { model, from, to },
                paper,
            })
        }
        Command::GeneratePortfolio { count, teams, output } => {
            workshop_commands::generate_portfolio(count, teams, &output)
        }
        Command::StressWrite { file, seed } => workshop_commands::stress_write(&file, seed),
        Command::HoldAutosave => workshop_commands::hold_autosave(),
        Command::PanicWithAutosave => workshop_commands::panic_with_autosave(),
        Command::ExportPdf { workshop, output, paper } => {
            export(&workshop, &output, |workshop| render(workshop, paper).map_err(|error| error.to_string()))
        }
        Command::ExportMd { workshop, output } => export(&workshop, &output, |workshop| {
            Ok(Rendered::text(crate::markdown::render_markdown(workshop)))
        }),
    }
}

fn validate(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for file in files {
        match read_model_document(file) {
            Ok(loaded) => outln!(
                "{}: ok ({} {}, {} levels, {} indicators)",
                file.display(),
                loaded.model.id,
                loaded.model.version,
                loaded.model.levels.len(),
                loaded.model.indicator_count()
            ),
            Err(problems) => {
                failed = true;
                errln!("{problems}");
            }
        }
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// Reads a workshop file, renders it and writes the result atomically, so
/// that a failed export never leaves half a document behind. What no font
/// could draw is printed on stderr (`warn_missing`).
fn export(
    input: &Path,
    output: &Path,
    render: impl FnOnce(&Workshop) -> Result<Rendered, String>,
) -> ExitCode {
    let workshop = match read_workshop_file(input) {
        Ok(loaded) => loaded.workshop,
        Err(problems) => {
            errln!("{problems}");
            return ExitCode::FAILURE;
        }
    };
    let bytes = match render(&workshop) {
        Ok(rendered) => {
            warn_missing(input, &rendered.missing);
            rendered.bytes
        }
        Err(error) => {
            errln!("{}: {error}", input.display());
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = atomic_write(output, &bytes, false) {
        errln!("{}: cannot write: {error}", output.display());
        return ExitCode::FAILURE;
    }
    outln!("{}: wrote {} bytes", output.display(), bytes.len());
    ExitCode::SUCCESS
}

/// Characters of an exported PDF that no font could draw, a line each on
/// stderr, `FILE: warning: page N: no font draws X (U+…) in “…”`: the
/// export still succeeds (they are kept as text), but the facilitator
/// learns which font to install before handing the document over. The
/// roadmap's `export-pdf` names its workshop file, `compare` its output.
fn warn_missing(file: &Path, missing: &[MissingGlyphs]) {
    for glyphs in missing {
        errln!("{}: warning: {glyphs}", file.display());
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::Cli;

    #[test]
    fn the_audience_flag_opens_the_wall_with_or_without_a_workshop() {
        let cli = Cli::try_parse_from(["maturity-workshop", "--audience", "team.workshop.ron"]).unwrap();
        assert!(cli.audience);
        assert_eq!(cli.workshop.as_deref(), Some(std::path::Path::new("team.workshop.ron")));
        let cli = Cli::try_parse_from(["maturity-workshop", "--audience"]).unwrap();
        assert!(cli.audience && cli.workshop.is_none() && cli.command.is_none());
        let cli = Cli::try_parse_from(["maturity-workshop"]).unwrap();
        assert!(!cli.audience);
    }
}
