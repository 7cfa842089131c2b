//! Writes the man pages and shell completions from the command line's own
//! definitions (`maturity_workshop::cli::Cli`), so they never drift from
//! `--help`. Run by `scripts/gen-docs.sh` (and so by `scripts/package.sh`):
//!
//! ```sh
//! cargo run --example gen-docs -- target/dist-assets
//! ```
//!
//! Writes `DIR/man/maturity-workshop.1` (and one page per command, e.g.
//! `maturity-workshop-export-pdf.1`) and `DIR/completions/` for bash, zsh
//! and fish. An example rather than a build script: the packaging needs it,
//! not every build, and it reuses the library the tests already built.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Command, CommandFactory};
use clap_complete::Shell;
use maturity_workshop::cli::Cli;

const BIN: &str = "maturity-workshop";

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: gen-docs OUT_DIR");
        return ExitCode::from(2);
    };
    match generate(&out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gen-docs: {}: {error}", out.display());
            ExitCode::FAILURE
        }
    }
}

fn generate(out: &std::path::Path) -> std::io::Result<()> {
    let man = out.join("man");
    let completions = out.join("completions");
    std::fs::create_dir_all(&man)?;
    std::fs::create_dir_all(&completions)?;

    let command = without_hidden_commands(Cli::command());
    // One page for the program and one per visible command, as git does.
    clap_mangen::generate_to(command.clone(), &man)?;
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        clap_complete::generate_to(shell, &mut command.clone(), BIN, &completions)?;
    }
    for dir in [&man, &completions] {
        let mut names: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        println!("{}: {}", dir.display(), names.join(" "));
    }
    Ok(())
}

/// The command line as a user sees it. The completion generators list
/// hidden commands (the crash-safety tests' helpers) too, and clap cannot
/// remove a subcommand, so the command is rebuilt from its visible parts.
fn without_hidden_commands(full: Command) -> Command {
    let full: &'static Command = Box::leak(Box::new(full));
    let mut shown = Command::new(full.get_name())
        .args(full.get_arguments().cloned())
        .subcommands(full.get_subcommands().filter(|command| !command.is_hide_set()).cloned());
    if let Some(version) = full.get_version() {
        shown = shown.version(version);
    }
    if let Some(about) = full.get_about() {
        shown = shown.about(about.clone());
    }
    if let Some(about) = full.get_long_about() {
        shown = shown.long_about(about.clone());
    }
    if let Some(help) = full.get_after_long_help() {
        shown = shown.after_long_help(help.clone());
    }
    shown
}
