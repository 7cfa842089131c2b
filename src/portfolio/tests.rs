//! The portfolio built from generated workshops, without the disk.

use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::roadmap::gaps;
use crate::workshop::Workshop;
use crate::workshop::sample::{sample_workshop, varied_workshop};

fn portfolio_of(workshops: &[(&str, Workshop)]) -> Portfolio {
    let mut catalogue = ModelCatalogue::default();
    let summaries = workshops
        .iter()
        .map(|(file, workshop)| summarise(workshop, PathBuf::from(file), &mut catalogue))
        .collect();
    Portfolio::new(vec![PathBuf::from("portfolio")], summaries, catalogue, Vec::new())
}

fn workshop(team: &str, date: &str, maturity: f32, seed: u64) -> Workshop {
    varied_workshop(&sample_workshop(), team, date, maturity, seed)
}

#[test]
fn teams_are_grouped_by_trimmed_name_ignoring_case_and_ordered_by_date() {
    let portfolio = portfolio_of(&[
        ("c.workshop.ron", workshop("  Checkout ", "2026-06-01", 0.5, 1)),
        ("a.workshop.ron", workshop("checkout", "2025-01-15", 0.2, 2)),
        ("b.workshop.ron", workshop("CHECKOUT", "2025-09-30", 0.3, 3)),
        ("d.workshop.ron", workshop("Identity", "2025-03-01", 0.4, 4)),
        ("e.workshop.ron", workshop("Check out", "2025-03-01", 0.4, 5)),
    ]);
    let view = PortfolioView::new(&portfolio, &Filter::default());
    let names: Vec<&str> = view.teams.iter().map(|t| t.name.as_str()).collect();
    // "Check out" is another team; the group is named as its latest workshop.
    assert_eq!(names, ["Check out", "Checkout", "Identity"]);
    let checkout = &view.teams[1];
    let dates: Vec<&str> = checkout.workshops.iter().map(|&i| portfolio.workshops[i].date.as_str()).collect();
    assert_eq!(dates, ["2025-01-15", "2025-09-30", "2026-06-01"]);
    // The heatmap shows the latest workshop.
    let cell = view.cell(1, 0).unwrap();
    assert_eq!(cell.date, "2026-06-01");
    assert_eq!(portfolio.workshops[cell.workshop].path, PathBuf::from("c.workshop.ron"));
    // Trends run over every workshop, oldest first.
    let trend = &checkout.trends[0];
    assert_eq!(trend.points.len(), 3);
    assert!(trend.points.windows(2).all(|pair| pair[0].day < pair[1].day));
}

#[test]
fn versions_that_differ_are_flagged_and_compared_by_level_index() {
    let old = workshop("Old team", "2025-01-01", 0.5, 1);
    let mut new = workshop("New team", "2025-02-01", 0.5, 2);
    let mut model = (*new.assessments[0].model).clone();
    model.version += 1;
    model.levels[0].name = "Renamed first level".to_owned();
    new.assessments[0].model = Arc::new(model.clone());
    let portfolio = portfolio_of(&[("old.workshop.ron", old.clone()), ("new.workshop.ron", new)]);
    let view = PortfolioView::new(&portfolio, &Filter::default());
    let m = view.model_index(&model.id).unwrap();
    let column = &view.models[m];
    assert!(column.versions_differ());
    assert_eq!(column.versions, [model.version - 1, model.version]);
    assert_eq!(column.newest_version, model.version);
    let new_row = view.teams.iter().position(|t| t.name == "New team").unwrap();
    let old_row = view.teams.iter().position(|t| t.name == "Old team").unwrap();
    assert_eq!(view.cell(new_row, m).unwrap().version, model.version);
    assert_eq!(view.cell(old_row, m).unwrap().version, model.version - 1);
    assert_eq!(view.cell(old_row, m).unwrap().current, old.assessments[0].current_level());
    // Models with one version are not flagged.
    assert!(view.models.iter().filter(|c| c.id != model.id).all(|c| !c.versions_differ()));
    assert!(
        render_markdown(&portfolio, &Filter::default()).contains("levels are compared by their position")
    );
}

#[test]
fn a_model_only_some_teams_used_is_compared_among_those() {
    let all = workshop("All models", "2025-01-01", 0.5, 1);
    let mut one = workshop("One model", "2025-01-01", 0.5, 2);
    let kept = one.assessments[1].model.id.clone();
    one.assessments.retain(|a| a.model.id == kept);
    let portfolio = portfolio_of(&[("a.workshop.ron", all.clone()), ("b.workshop.ron", one)]);
    let view = PortfolioView::new(&portfolio, &Filter::default());
    assert_eq!(view.models.len(), all.assessments.len());
    let one_row = view.teams.iter().position(|t| t.name == "One model").unwrap();
    for (m, column) in view.models.iter().enumerate() {
        let used = column.id == kept;
        assert_eq!(view.cell(one_row, m).is_some(), used, "{}", column.id);
        assert_eq!(column.teams, if used { 2 } else { 1 });
        for gap in &view.insights[m].common_gaps {
            assert_eq!(gap.teams, column.teams);
        }
    }
}

#[test]
fn common_gaps_count_the_teams_with_each_indicator_open() {
    let teams: Vec<(String, Workshop)> = (0..8)
        .map(|i| {
            (format!("t{i}.workshop.ron"), workshop(&format!("Team {i}"), "2025-05-01", 0.1 * i as f32, i))
        })
        .collect();
    let refs: Vec<(&str, Workshop)> = teams.iter().map(|(f, w)| (f.as_str(), w.clone())).collect();
    let portfolio = portfolio_of(&refs);
    let view = PortfolioView::new(&portfolio, &Filter::default());
    for (m, column) in view.models.iter().enumerate() {
        let insight = &view.insights[m];
        assert!(insight.common_gaps.len() <= COMMON_GAPS);
        let mut expected: std::collections::BTreeMap<String, usize> = Default::default();
        for (_, workshop) in &teams {
            for gap in gaps(workshop.assessment(&column.id).unwrap()) {
                *expected.entry(gap.indicator_id).or_default() += 1;
            }
        }
        let most = expected.values().copied().max().unwrap_or(0);
        assert_eq!(insight.common_gaps.first().map_or(0, |g| g.open), most, "{}", column.id);
        for gap in &insight.common_gaps {
            assert_eq!(Some(&gap.open), expected.get(&gap.indicator_id), "{}", gap.indicator_id);
            assert_eq!(gap.teams, 8);
            assert!(!gap.statement.is_empty() && gap.level.is_some());
        }
        assert!(insight.common_gaps.windows(2).all(|pair| pair[0].open >= pair[1].open));
        // Dimensions: met never exceeds the teams that had it in reach.
        let newest = portfolio.catalogue.newest(&column.id).unwrap();
        assert_eq!(insight.dimensions.len(), newest.dimensions.len());
        for dimension in &insight.dimensions {
            assert!(dimension.met <= dimension.teams && dimension.teams <= 8);
        }
    }
    // More mature teams meet more: at least one dimension is met by someone
    // and missed by someone.
    let shares: Vec<f32> =
        view.insights.iter().flat_map(|i| i.dimensions.iter().map(DimensionShare::share)).collect();
    assert!(shares.iter().any(|s| *s > 0.0 && *s < 1.0), "{shares:?}");
}

#[test]
fn filters_pick_a_model_and_a_date_range() {
    let mut other = workshop("Late", "2026-03-01", 0.5, 3);
    let kept = other.assessments[2].model.id.clone();
    other.assessments.retain(|a| a.model.id == kept);
    let portfolio = portfolio_of(&[
        ("a.workshop.ron", workshop("Early", "2024-01-01", 0.3, 1)),
        ("b.workshop.ron", workshop("Middle", "2025-06-01", 0.4, 2)),
        ("c.workshop.ron", other),
        ("d.workshop.ron", workshop("Undated", "", 0.4, 4)),
    ]);
    let all = PortfolioView::new(&portfolio, &Filter::default());
    assert_eq!(all.teams.len(), 4);
    let range =
        Filter { from: Some("2025-01-01".into()), to: Some("2026-12-31".into()), ..Filter::default() };
    let view = PortfolioView::new(&portfolio, &range);
    let names: Vec<&str> = view.teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Late", "Middle"]);
    let model = Filter { model: Some(kept.clone()), ..Filter::default() };
    let view = PortfolioView::new(&portfolio, &model);
    assert_eq!(view.models.len(), 1);
    assert_eq!(view.models[0].id, kept);
    assert_eq!(view.teams.len(), 4);
    let other_model = portfolio.catalogue.newest(&all.models[0].id).unwrap().id.clone();
    if other_model != kept {
        let view = PortfolioView::new(&portfolio, &Filter { model: Some(other_model), ..Filter::default() });
        assert!(view.teams.iter().all(|t| t.name != "Late"), "a team without the model is left out");
    }
    assert_eq!(portfolio.date_span(), Some(("2024-01-01", "2026-03-01")));
}

#[test]
fn csv_has_a_row_per_workshop_and_model() {
    let portfolio = portfolio_of(&[
        ("x,\"y\".workshop.ron", workshop("Team, with \"quotes\"", "2025-01-01", 0.3, 1)),
        ("b.workshop.ron", workshop("Plain", "2025-02-01", 0.6, 2)),
    ]);
    let text = render_csv(&portfolio, &Filter::default());
    assert_eq!(text.matches("\r\n").count(), 1 + 2 * sample_workshop().assessments.len(), "CRLF rows");
    // Read back as a spreadsheet would: commas and quotes survive.
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap(), &::csv::StringRecord::from(CSV_HEADER.to_vec()));
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2 * sample_workshop().assessments.len());
    let first = sample_workshop().assessments.len();
    assert_eq!((&rows[0][0], &rows[0][1], &rows[0][12]), ("Plain", "2025-02-01", "b.workshop.ron"));
    assert_eq!(
        (&rows[first][0], &rows[first][12]),
        ("Team, with \"quotes\"", "x,\"y\".workshop.ron"),
        "{rows:?}"
    );
}

#[test]
fn markdown_has_the_heatmap_trends_and_gaps() {
    let portfolio = portfolio_of(&[
        ("a.workshop.ron", workshop("Alpha | Beta", "2025-01-01", 0.3, 1)),
        ("b.workshop.ron", workshop("Alpha | Beta", "2025-04-01", 0.5, 2)),
        ("c.workshop.ron", workshop("Gamma", "2025-02-01", 0.6, 3)),
    ]);
    let text = render_markdown(&portfolio, &Filter::default());
    assert!(text.starts_with("# Deployment maturity across teams\n"));
    assert!(text.contains("## Where each team stands"));
    assert!(text.contains("| Alpha \\| Beta |"), "pipes in names are escaped");
    assert!(text.contains("### Alpha \\| Beta"));
    assert!(text.contains("| 2025-04-01 |"));
    assert!(text.contains("### Common gaps"));
    assert!(text.contains("3 of 3 workshop files read; 3 shown (all models, all dates): 2 teams"));
}
