use std::process::ExitCode;

use clap::Parser;
use maturity_workshop::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        None => match maturity_workshop::ui::run_app(
            cli.workshop,
            cli.audience,
            maturity_workshop::ui::VoteOptions { open: cli.vote, bind: cli.vote_bind },
        ) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                maturity_workshop::cli::output::err(format_args!("maturity-workshop: {error}"));
                ExitCode::FAILURE
            }
        },
    }
}
