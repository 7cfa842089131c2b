//! The portfolio as CSV: one row per workshop and model, for a spreadsheet
//! or a script. RFC 4180: comma-separated, CRLF line ends, fields with a
//! comma, quote or line break in double quotes with quotes doubled; UTF-8.

use super::view::LevelLabel;
use super::{Filter, Portfolio};

pub const CSV_HEADER: [&str; 13] = [
    "team",
    "date",
    "model_id",
    "model_title",
    "model_version",
    "current_level_index",
    "current_level",
    "target_level_index",
    "target_level",
    "answered_share",
    "open_gaps",
    "versions_differ",
    "file",
];

/// Every workshop inside `filter`, one row per model it assessed, in the
/// portfolio's order (team, date, file). Level indexes count from 0, as
/// levels are compared; the names are the model version's own.
pub fn render_csv(portfolio: &Portfolio, filter: &Filter) -> String {
    let view = super::PortfolioView::new(portfolio, filter);
    let mut out = String::new();
    push_row(&mut out, CSV_HEADER.iter().map(|h| (*h).to_owned()));
    for team in &view.teams {
        for &index in &team.workshops {
            let workshop = &portfolio.workshops[index];
            for summary in &workshop.models {
                let Some(column) = view.models.iter().find(|m| m.id == summary.model_id) else { continue };
                let model = portfolio.catalogue.get(&summary.model_id, summary.version);
                let label = |level: usize| {
                    model.and_then(|m| LevelLabel::of(m, level)).map(|l| l.long()).unwrap_or_default()
                };
                let title = model.map_or_else(|| column.title.clone(), |m| m.title.clone());
                push_row(
                    &mut out,
                    [
                        workshop.team.clone(),
                        workshop.date.clone(),
                        summary.model_id.clone(),
                        title,
                        summary.version.to_string(),
                        summary.current.to_string(),
                        label(summary.current),
                        summary.target.map(|t| t.to_string()).unwrap_or_default(),
                        summary.target.map(label).unwrap_or_default(),
                        format!("{:.3}", summary.answered_share),
                        summary.gaps.len().to_string(),
                        column.versions_differ().to_string(),
                        workshop.path.display().to_string(),
                    ],
                );
            }
        }
    }
    out
}

fn push_row(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (index, field) in fields.into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        push_field(out, &field);
    }
    out.push_str("\r\n");
}

fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let mut out = String::new();
        push_row(&mut out, ["plain".into(), "a,b".into(), "say \"hi\"".into(), "two\nlines".into()]);
        assert_eq!(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    }
}
