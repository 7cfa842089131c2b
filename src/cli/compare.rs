//! `compare PATH... -o OUT`: many workshop files summarised together, as
//! Markdown, CSV or PDF by the output's ending.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::pdf::{Paper, Rendered};
use crate::portfolio::{Filter, Portfolio, SkipReason, render_csv, render_markdown};
use crate::storage::{ReadProgress, atomic_write, read_portfolio};
use crate::workshop::clock::is_iso_date;

/// What the output's ending asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareFormat {
    Markdown,
    Csv,
    Pdf,
}

impl CompareFormat {
    pub fn of(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "csv" => Some(Self::Csv),
            "pdf" => Some(Self::Pdf),
            _ => None,
        }
    }
}

pub struct CompareArgs {
    pub paths: Vec<PathBuf>,
    pub output: PathBuf,
    pub filter: Filter,
    pub paper: Paper,
}

pub fn compare(args: CompareArgs) -> ExitCode {
    let Some(format) = CompareFormat::of(&args.output) else {
        errln!("{}: the output must end in .md, .csv or .pdf", args.output.display());
        return ExitCode::FAILURE;
    };
    for date in [&args.filter.from, &args.filter.to].into_iter().flatten() {
        if !is_iso_date(date) {
            errln!("{date}: write dates as YYYY-MM-DD");
            return ExitCode::FAILURE;
        }
    }
    let portfolio = read_portfolio(&args.paths, &ReadProgress::default());
    report_skipped(&portfolio);
    if portfolio.workshops.is_empty() {
        errln!("no workshop file could be read ({} found)", portfolio.files());
        return ExitCode::FAILURE;
    }
    let bytes = match render(&portfolio, &args.filter, format, args.paper) {
        Ok(rendered) => {
            super::warn_missing(&args.output, &rendered.missing);
            rendered.bytes
        }
        Err(error) => {
            errln!("{}: {error}", args.output.display());
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = atomic_write(&args.output, &bytes, false) {
        errln!("{}: cannot write: {error}", args.output.display());
        return ExitCode::FAILURE;
    }
    let teams = crate::portfolio::PortfolioView::new(&portfolio, &args.filter).teams.len();
    outln!(
        "{}: wrote {} bytes ({} workshops of {teams} teams; {} files skipped)",
        args.output.display(),
        bytes.len(),
        portfolio.workshops.len(),
        portfolio.skipped.len()
    );
    ExitCode::SUCCESS
}

pub fn render(
    portfolio: &Portfolio,
    filter: &Filter,
    format: CompareFormat,
    paper: Paper,
) -> Result<Rendered, String> {
    match format {
        CompareFormat::Markdown => Ok(Rendered::text(render_markdown(portfolio, filter))),
        CompareFormat::Csv => Ok(Rendered::text(render_csv(portfolio, filter))),
        CompareFormat::Pdf => {
            crate::pdf::render_portfolio(portfolio, filter, paper).map_err(|e| e.to_string())
        }
    }
}

/// Every skipped file on stderr, `FILE:LINE:COLUMN: message`, newer
/// formats said as such.
fn report_skipped(portfolio: &Portfolio) {
    for file in &portfolio.skipped {
        for problem in &file.problems {
            match file.reason {
                SkipReason::Broken => errln!("{problem} (skipped)"),
                SkipReason::NewerFormat(version) => {
                    errln!("{problem} (skipped: newer format version {version})")
                }
            }
        }
    }
}
