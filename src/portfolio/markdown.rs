//! The portfolio as Markdown: the heatmap as a table, each team's trend,
//! and per model the dimensions met and the common gaps, for a wiki page or
//! a pull request in the repository the workshop files live in.

use std::fmt::Write;

use super::view::{Cell, PortfolioView};
use super::{Filter, Portfolio, SkipReason};
use crate::markdown::{cell, inline_line};

pub fn render_markdown(portfolio: &Portfolio, filter: &Filter) -> String {
    let view = PortfolioView::new(portfolio, filter);
    let mut out = String::new();
    line(&mut out, "# Deployment maturity across teams");
    line(&mut out, "");
    line(&mut out, &inline_line(&overview(portfolio, &view, filter)));
    heatmap(&mut out, &view);
    trends(&mut out, portfolio, &view);
    models(&mut out, &view);
    skipped(&mut out, portfolio);
    out
}

/// One sentence on what was read and what is shown.
pub fn overview(portfolio: &Portfolio, view: &PortfolioView, filter: &Filter) -> String {
    let model_title = filter.model.as_ref().and_then(|id| view.models.iter().find(|m| &m.id == id));
    let mut text = format!(
        "{} of {} workshop files read; {} shown ({}): {} teams, {} models.",
        portfolio.workshops.len(),
        portfolio.files(),
        view.workshops,
        filter.describe(model_title.map(|m| m.title.as_str())),
        view.teams.len(),
        view.models.len()
    );
    if !portfolio.skipped.is_empty() {
        let _ = write!(text, " {} files skipped (listed at the end).", portfolio.skipped.len());
    }
    text
}

/// "L2 · Casual → L4 · Elite": the current level, the target when set.
pub fn cell_text(cell: &Cell) -> String {
    match &cell.target_label {
        Some(target) => format!("{} → {}", cell.current_label.short(), target.short()),
        None => format!("{} (no target)", cell.current_label.short()),
    }
}

fn heatmap(out: &mut String, view: &PortfolioView) {
    line(out, "");
    line(out, "## Where each team stands");
    line(out, "");
    if view.teams.is_empty() {
        line(out, "No workshops match.");
        return;
    }
    line(
        out,
        "Each team's latest workshop per model: current level → target level, and the workshop's date.",
    );
    line(out, "");
    let mut header = String::from("| Team |");
    let mut rule = String::from("| --- |");
    for model in &view.models {
        let _ = write!(header, " {} |", cell(&model.title));
        rule.push_str(" --- |");
    }
    line(out, &header);
    line(out, &rule);
    for (t, team) in view.teams.iter().enumerate() {
        let mut row = format!("| {} |", cell(&team.name));
        for (m, model) in view.models.iter().enumerate() {
            match view.cell(t, m) {
                Some(c) => {
                    let version =
                        if model.versions_differ() { format!(", v{}", c.version) } else { String::new() };
                    let _ = write!(row, " {} ({}{version}) |", cell(&cell_text(c)), cell(&c.date));
                }
                None => row.push_str(" — |"),
            }
        }
        line(out, &row);
    }
    for model in view.models.iter().filter(|m| m.versions_differ()) {
        line(out, "");
        line(
            out,
            &inline_line(&format!(
                "{}: the workshops used versions {}; levels are compared by their position in the ladder.",
                model.title,
                model.version_list()
            )),
        );
    }
}

fn trends(out: &mut String, portfolio: &Portfolio, view: &PortfolioView) {
    if view.teams.is_empty() {
        return;
    }
    line(out, "");
    line(out, "## Trends");
    for team in &view.teams {
        line(out, "");
        line(out, &format!("### {}", inline_line(&team.name)));
        line(out, "");
        let used: Vec<usize> =
            (0..view.models.len()).filter(|&m| !team.trends[m].points.is_empty()).collect();
        let mut header = String::from("| Date |");
        let mut rule = String::from("| --- |");
        for &m in &used {
            let _ = write!(header, " {} |", cell(&view.models[m].title));
            rule.push_str(" --- |");
        }
        line(out, &header);
        line(out, &rule);
        for &index in &team.workshops {
            let workshop = &portfolio.workshops[index];
            let date = if workshop.date.is_empty() { "no date" } else { workshop.date.as_str() };
            let mut row = format!("| {} |", cell(date));
            for &m in &used {
                let model = &view.models[m];
                let text = workshop.model(&model.id).map_or_else(
                    || "—".to_owned(),
                    |summary| {
                        let level = |index: usize| {
                            model
                                .level(index)
                                .map_or_else(|| format!("L{}", index + 1), |l| format!("L{}", l.number))
                        };
                        match summary.target {
                            Some(target) => format!("{} → {}", level(summary.current), level(target)),
                            None => level(summary.current),
                        }
                    },
                );
                let _ = write!(row, " {} |", cell(&text));
            }
            line(out, &row);
        }
    }
}

fn models(out: &mut String, view: &PortfolioView) {
    for (model, insight) in view.models.iter().zip(&view.insights) {
        line(out, "");
        line(out, &format!("## {}", inline_line(&model.title)));
        line(out, "");
        line(out, &format!("Used by {} of {} teams.", model.teams, view.teams.len()));
        if !insight.dimensions.is_empty() {
            line(out, "");
            line(out, "### Dimensions met");
            line(out, "");
            line(
                out,
                "A team meets a dimension when none of its indicators up to the team's target level is open.",
            );
            line(out, "");
            line(out, "| Dimension | Teams meeting it | Share |");
            line(out, "| --- | --- | --- |");
            for dimension in &insight.dimensions {
                let share = if dimension.teams == 0 {
                    "—".to_owned()
                } else {
                    format!("{:.0} %", dimension.share() * 100.0)
                };
                line(
                    out,
                    &format!(
                        "| {} | {} of {} | {share} |",
                        cell(&dimension.name),
                        dimension.met,
                        dimension.teams
                    ),
                );
            }
        }
        line(out, "");
        line(out, "### Common gaps");
        line(out, "");
        if insight.common_gaps.is_empty() {
            line(out, "No team has an open indicator up to its target.");
            continue;
        }
        line(out, "The indicators most often not Yes up to each team's target, in their latest workshop.");
        line(out, "");
        line(out, "| # | Indicator | Level | Teams with it open |");
        line(out, "| --- | --- | --- | --- |");
        for (rank, gap) in insight.common_gaps.iter().enumerate() {
            let level = gap.level.as_ref().map(|l| l.short()).unwrap_or_default();
            line(
                out,
                &format!(
                    "| {} | {} | {} | {} of {} |",
                    rank + 1,
                    cell(&gap.statement),
                    cell(&level),
                    gap.open,
                    gap.teams
                ),
            );
        }
    }
}

fn skipped(out: &mut String, portfolio: &Portfolio) {
    if portfolio.skipped.is_empty() {
        return;
    }
    line(out, "");
    line(out, "## Files skipped");
    line(out, "");
    for file in &portfolio.skipped {
        let reason = match file.reason {
            SkipReason::Broken => String::new(),
            SkipReason::NewerFormat(version) => format!(" (newer format, version {version})"),
        };
        for problem in &file.problems {
            line(out, &format!("- {}{reason}", cell(&problem.to_string())));
        }
    }
}

fn line(out: &mut String, text: &str) {
    let _ = writeln!(out, "{text}");
}
