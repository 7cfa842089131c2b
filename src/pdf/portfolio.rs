//! The portfolio as a PDF: the heatmap of teams by models, a trend chart
//! per team, and per model the dimensions met and the common gaps. Same
//! fonts, page frame and determinism as the roadmap; charts are vectors.

use super::emit::{DocumentInfo, write_document};
use super::flow::{Block, Flow};
use super::fonts::{Fonts, Weight};
use super::layout::{Item, baseline_offset, fit, label_width};
use super::pages::{Writer, display_date, frame_pages, short_date, table_row};
use super::style::{
    ACCENT, ACCENT_WASH, BODY, BODY_BOLD, Geometry, INK, MUTED, Paper, RULE, Rgb, SMALL, SMALL_BOLD, TINY,
    TRACK, TextStyle, WHITE,
};
use super::{PdfError, Rendered, fonts};
use crate::portfolio::colour::{self, Rgb8};
use crate::portfolio::{Cell, Filter, ModelColumn, Portfolio, PortfolioView, SkipReason, Team};

const TITLE: &str = "Deployment maturity across teams";

/// The heatmap's lowest level: a pale wash of the accent.
const LOW: Rgb8 = Rgb8::hex(0xe6eef7);

/// The model's line colour in the trend charts, as on the screen.
fn series_colour(index: usize) -> Rgb {
    colour::series_colour(index).into()
}

/// The portfolio, through `filter`, as PDF, with the characters no font
/// could draw (a team or model named in a script no installed font has),
/// as the roadmap reports them.
pub fn render_portfolio(portfolio: &Portfolio, filter: &Filter, paper: Paper) -> Result<Rendered, PdfError> {
    let fonts = fonts::fonts()?;
    let view = PortfolioView::new(portfolio, filter);
    let geometry = Geometry::for_paper(paper);
    let mut w = Writer { flow: Flow::new(geometry), fonts, geometry };
    intro(&mut w, portfolio, &view, filter);
    heatmap(&mut w, &view);
    if !view.teams.is_empty() {
        w.flow.new_page();
        trends(&mut w, &view);
    }
    for (index, model) in view.models.iter().enumerate() {
        w.flow.new_page();
        model_page(&mut w, &view, index, model);
    }
    skipped(&mut w, portfolio);
    let mut pages = w.flow.finish();
    let span = portfolio.date_span();
    let dates = span.map_or_else(String::new, |(from, to)| {
        if from == to { display_date(from) } else { format!("{} – {}", short_date(from), short_date(to)) }
    });
    frame_pages(fonts, geometry, TITLE, &dates, &mut pages);
    let about = DocumentInfo {
        title: TITLE.to_owned(),
        author: String::new(),
        subject: "Current and target deployment maturity of many teams, trends and common gaps".to_owned(),
        keywords: view.models.iter().map(|model| model.title.clone()).collect(),
        time: span.map(|(_, to)| to.to_owned()).unwrap_or_default(),
    };
    let written = write_document(fonts, &about, &pages, paper, &content_id(portfolio, filter, paper))?;
    Ok(Rendered { bytes: written.bytes, missing: written.missing })
}

/// FNV-1a over what the document shows, for a stable /ID.
fn content_id(portfolio: &Portfolio, filter: &Filter, paper: Paper) -> String {
    let versions: Vec<(String, u32)> = portfolio
        .workshops
        .iter()
        .flat_map(|w| w.models.iter().map(|m| (m.model_id.clone(), m.version)))
        .collect();
    let text = format!("{:?}{:?}{versions:?}{filter:?}{paper:?}", portfolio.workshops, portfolio.skipped);
    let hash = |seed: u64| {
        text.bytes().fold(seed, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3))
    };
    format!("{:016x}{:016x}", hash(0xcbf2_9ce4_8422_2325), hash(0x6c62_272e_07bb_0142))
}

fn intro(w: &mut Writer<'_>, portfolio: &Portfolio, view: &PortfolioView, filter: &Filter) {
    w.title(Some("PORTFOLIO"), TITLE);
    w.paragraph(0.0, BODY.colour(MUTED), &crate::portfolio::overview(portfolio, view, filter));
    for model in view.models.iter().filter(|m| m.versions_differ()) {
        w.flow.gap(4.0);
        w.paragraph(
            0.0,
            SMALL,
            &format!(
                "{}: the workshops used versions {}; levels are compared by their position in the ladder.",
                model.title,
                model.version_list()
            ),
        );
    }
}

/// The fill of a heatmap cell, pale low on the ladder and the accent at the
/// top, and the text on it (white or ink, whichever reads better).
fn level_fill(cell: &Cell) -> (Rgb, Rgb) {
    let fill = colour::level_fill(cell, LOW, ACCENT.into());
    (fill.into(), colour::text_on(fill, WHITE.into(), INK.into()).into())
}

fn heatmap(w: &mut Writer<'_>, view: &PortfolioView) {
    w.heading("Where each team stands");
    if view.teams.is_empty() {
        w.paragraph(0.0, BODY.colour(MUTED), "No workshops match.");
        return;
    }
    w.intro(
        SMALL,
        "Each team's latest workshop per model: the current level, darker further up the ladder, and the target.",
    );
    w.flow.gap(6.0);
    let (left, width, fonts) = (w.left(), w.width(), w.fonts);
    let team_width = (width * 0.25).max(90.0);
    let cell_width = (width - team_width) / view.models.len().max(1) as f32;
    let mut columns = vec![team_width];
    columns.extend(std::iter::repeat_n(cell_width, view.models.len()));
    let mut header = vec![vec![(SMALL_BOLD, "Team".to_owned())]];
    for model in &view.models {
        let mut cell = vec![(SMALL_BOLD, model.title.clone())];
        if model.versions_differ() {
            cell.push((TINY, format!("versions {}", model.version_list())));
        }
        header.push(cell);
    }
    let header = table_row(fonts, left, &columns, &header, true);
    w.flow.place_together(header.clone());
    for (t, team) in view.teams.iter().enumerate() {
        let row = heat_row(fonts, view, t, team, left, team_width, cell_width);
        // A table that runs on to the next page repeats its header there.
        if !w.flow.fits(row.height) {
            w.flow.new_page();
            w.flow.place_together(header.clone());
        }
        w.flow.place_together(row);
    }
    w.flow.gap(6.0);
    let mut legend = Block::new();
    legend.text(
        fonts,
        left,
        0.0,
        width,
        TINY,
        "Cells: current level (lowest pale, highest dark) and → the target; “v” names a model version where versions differ; — : the team did not use the model.",
    );
    w.flow.place(legend);
}

fn heat_row(
    fonts: &Fonts,
    view: &PortfolioView,
    t: usize,
    team: &Team,
    left: f32,
    team_width: f32,
    cell_width: f32,
) -> Block {
    let height = 30.0;
    let mut block = Block::new();
    let mut items = Vec::new();
    let y = 4.0;
    let name_style = SMALL_BOLD.colour(INK);
    let name = fit(fonts, Weight::Bold, name_style.size, &team.name, team_width - 12.0);
    items.push(Item::text(fonts, left + 6.0, y + baseline_offset(&fonts.bold, name_style), name_style, name));
    let count = format!("{} workshops", team.workshops.len());
    items.push(Item::text(fonts, left + 6.0, 17.0 + baseline_offset(&fonts.regular, TINY), TINY, count));
    for (m, model) in view.models.iter().enumerate() {
        let x = left + team_width + m as f32 * cell_width;
        match view.cell(t, m) {
            Some(cell) => items.extend(heat_cell(fonts, model, cell, x, cell_width, height)),
            None => {
                items.push(Item::Rect {
                    x: x + 1.0,
                    y: 1.0,
                    w: cell_width - 2.0,
                    h: height - 2.0,
                    fill: Some(TRACK),
                    stroke: None,
                });
                items.push(Item::text(
                    fonts,
                    x + 6.0,
                    4.0 + baseline_offset(&fonts.regular, SMALL),
                    SMALL,
                    "—",
                ));
            }
        }
    }
    items.push(Item::hline(
        left,
        left + team_width + cell_width * view.models.len() as f32,
        height,
        RULE,
        0.5,
    ));
    block.add(0.0, height, items);
    block.pad(height);
    block.unbreakable()
}

fn heat_cell(fonts: &Fonts, model: &ModelColumn, cell: &Cell, x: f32, width: f32, height: f32) -> Vec<Item> {
    let (fill, text) = level_fill(cell);
    let inner = width - 10.0;
    let label = fit(fonts, Weight::Bold, SMALL_BOLD.size, &cell.current_label.short(), inner);
    let style = SMALL_BOLD.colour(text);
    let small = TINY.colour(text);
    let mut second = match &cell.target_label {
        Some(target) => format!("→ L{}", target.number),
        None => "no target".to_owned(),
    };
    if model.versions_differ() {
        second.push_str(&format!(" · v{}", cell.version));
    }
    second.push_str(&format!(" · {}", short_date(&cell.date)));
    let second = fit(fonts, Weight::Regular, TINY.size, &second, inner);
    vec![
        Item::Rect { x: x + 1.0, y: 1.0, w: width - 2.0, h: height - 2.0, fill: Some(fill), stroke: None },
        Item::text(fonts, x + 5.0, 4.0 + baseline_offset(&fonts.bold, style), style, label),
        Item::text(fonts, x + 5.0, 16.0 + baseline_offset(&fonts.regular, small), small, second),
    ]
}

fn trends(w: &mut Writer<'_>, view: &PortfolioView) {
    w.title(Some("TRENDS"), "Each team over time");
    w.intro(
        SMALL,
        "Per team and model, the current level (solid) and the target (dashed) at each workshop, by date. Levels are counted from the bottom of each ladder.",
    );
    w.flow.gap(6.0);
    let (left, width) = (w.left(), w.width());
    w.flow.place_together(series_legend(w.fonts, view, left, width));
    w.flow.gap(8.0);
    let gap = 14.0;
    let chart_width = (width - gap) / 2.0;
    for pair in view.teams.chunks(2).map(<[Team]>::to_vec) {
        let mut row = Block::new();
        for (index, team) in pair.iter().enumerate() {
            let x = left + index as f32 * (chart_width + gap);
            row.append(trend_chart(w.fonts, team, x, chart_width), 0.0);
        }
        w.flow.place_together(row.unbreakable());
        w.flow.gap(10.0);
    }
}

fn series_legend(fonts: &Fonts, view: &PortfolioView, left: f32, width: f32) -> Block {
    let face = &fonts.regular;
    let offset = baseline_offset(face, TINY);
    let mut block = Block::new();
    let (mut x, mut y) = (left, 0.0);
    for (index, model) in view.models.iter().enumerate() {
        let needed = 20.0 + label_width(fonts, TINY, &model.title);
        if x > left && x + needed > left + width {
            x = left;
            y += TINY.leading + 2.0;
        }
        let colour = series_colour(index);
        let mid = y + TINY.leading / 2.0;
        let items = vec![
            Item::Line { from: (x, mid), to: (x + 14.0, mid), colour, width: 1.6 },
            Item::text(fonts, x + 18.0, y + offset, TINY, model.title.clone()),
        ];
        block.add(y, y + TINY.leading, items);
        x += needed + 14.0;
    }
    block.unbreakable()
}

/// One team's chart: a frame, level grid lines, a line per model.
fn trend_chart(fonts: &Fonts, team: &Team, left: f32, width: f32) -> Block {
    let height = 128.0;
    let (plot_left, plot_right) = (left + 18.0, left + width - 6.0);
    let (plot_top, plot_bottom) = (22.0, height - 18.0);
    let mut items =
        vec![Item::Rect { x: left, y: 0.0, w: width, h: height, fill: Some(ACCENT_WASH), stroke: None }];
    let name = fit(fonts, Weight::Bold, SMALL_BOLD.size, &team.name, width - 12.0);
    items.push(Item::text(
        fonts,
        left + 6.0,
        4.0 + baseline_offset(&fonts.bold, SMALL_BOLD),
        SMALL_BOLD.colour(INK),
        name,
    ));
    let levels = team.chart_top() + 2;
    let y_of = |level: usize| plot_bottom - (plot_bottom - plot_top) * level as f32 / (levels - 1) as f32;
    for level in 0..levels {
        let y = y_of(level);
        items.push(Item::hline(plot_left, plot_right, y, RULE, 0.4));
        let label = (level + 1).to_string();
        items.push(Item::text(
            fonts,
            left + 6.0,
            y + 2.5,
            TextStyle::new(Weight::Regular, 6.0, 7.0, MUTED),
            label,
        ));
    }
    let days: Vec<i64> = team.trends.iter().flat_map(|t| t.points.iter().filter_map(|p| p.day)).collect();
    let (first, last) = (days.iter().min().copied(), days.iter().max().copied());
    let x_of = |day: i64| match (first, last) {
        (Some(a), Some(b)) if b > a => {
            plot_left + 4.0 + (plot_right - plot_left - 8.0) * (day - a) as f32 / (b - a) as f32
        }
        _ => (plot_left + plot_right) / 2.0,
    };
    for (m, trend) in team.trends.iter().enumerate() {
        let points: Vec<SeriesPoint> = trend
            .points
            .iter()
            .filter_map(|p| {
                Some(SeriesPoint { x: x_of(p.day?), current: y_of(p.current), target: p.target.map(y_of) })
            })
            .collect();
        items.extend(series(&points, series_colour(m)));
    }
    let tiny = TextStyle::new(Weight::Regular, 6.0, 7.0, MUTED);
    let baseline = height - 6.0;
    match (first, last) {
        (Some(a), Some(b)) => {
            let first_label = short_date(&crate::workshop::clock::iso_from_days(a));
            items.push(Item::text(fonts, plot_left, baseline, tiny, first_label));
            if b > a {
                let label = short_date(&crate::workshop::clock::iso_from_days(b));
                let label_width = label_width(fonts, tiny, &label);
                items.push(Item::text(fonts, plot_right - label_width, baseline, tiny, label));
            }
        }
        _ => items.push(Item::text(fonts, plot_left, baseline, tiny, "no dated workshops")),
    }
    let mut block = Block::new();
    block.add(0.0, height, items);
    block.pad(height);
    block
}

/// A workshop on a trend chart: where it is, and the heights of its
/// current and target levels.
struct SeriesPoint {
    x: f32,
    current: f32,
    target: Option<f32>,
}

/// One model's line on a trend chart: the current level solid with a dot
/// at each workshop, the target dashed with an open square.
fn series(points: &[SeriesPoint], colour: Rgb) -> Vec<Item> {
    let mut items = Vec::new();
    for pair in points.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        items.push(Item::Line { from: (a.x, a.current), to: (b.x, b.current), colour, width: 1.4 });
        if let (Some(from), Some(to)) = (a.target, b.target) {
            items.extend(dashed((a.x, from), (b.x, to), colour));
        }
    }
    for point in points {
        items.push(Item::fill(point.x - 1.8, point.current - 1.8, 3.6, 3.6, colour));
        if let Some(y) = point.target {
            items.push(Item::Rect {
                x: point.x - 1.8,
                y: y - 1.8,
                w: 3.6,
                h: 3.6,
                fill: Some(WHITE),
                stroke: Some((colour, 0.7)),
            });
        }
    }
    items
}

/// A dashed line: three-point dashes with two-point gaps.
fn dashed(from: (f32, f32), to: (f32, f32), colour: Rgb) -> Vec<Item> {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let length = (dx * dx + dy * dy).sqrt();
    if length < 0.5 {
        return Vec::new();
    }
    let (dash, gap) = (3.0, 2.0);
    let mut items = Vec::new();
    let mut at = 0.0;
    while at < length {
        let end = (at + dash).min(length);
        let point = |t: f32| (from.0 + dx * t / length, from.1 + dy * t / length);
        items.push(Item::Line { from: point(at), to: point(end), colour, width: 0.8 });
        at = end + gap;
    }
    items
}

fn model_page(w: &mut Writer<'_>, view: &PortfolioView, index: usize, model: &ModelColumn) {
    let insight = &view.insights[index];
    w.title(Some("MODEL"), &model.title);
    let mut intro = format!("Used by {} of {} teams.", model.teams, view.teams.len());
    if model.versions_differ() {
        intro.push_str(&format!(
            " The workshops used versions {}; levels are compared by their position in the ladder.",
            model.version_list()
        ));
    }
    w.paragraph(0.0, BODY.colour(MUTED), &intro);
    let (left, width, fonts) = (w.left(), w.width(), w.fonts);
    if !insight.dimensions.is_empty() {
        w.heading("Dimensions met");
        w.intro(
            SMALL,
            "A team meets a dimension when none of its indicators up to the team's target level is open.",
        );
        w.flow.gap(4.0);
        for dimension in &insight.dimensions {
            let label = if dimension.teams == 0 {
                "no team reaches it yet".to_owned()
            } else {
                format!("{} of {} teams ({:.0} %)", dimension.met, dimension.teams, dimension.share() * 100.0)
            };
            w.flow.place_together(share_bar(fonts, &dimension.name, dimension.share(), &label, left, width));
        }
    }
    w.heading("Common gaps");
    if insight.common_gaps.is_empty() {
        w.paragraph(0.0, BODY.colour(MUTED), "No team has an open indicator up to its target.");
        return;
    }
    w.intro(SMALL, "The indicators most often not Yes up to each team's target, in their latest workshop.");
    w.flow.gap(4.0);
    let columns = [0.06, 0.58, 0.18, 0.18].map(|share| share * width);
    let header = ["#", "Indicator", "Level", "Teams open"].map(|h| vec![(SMALL_BOLD, h.to_owned())]);
    w.flow.place_together(table_row(fonts, left, &columns, &header, true));
    for (rank, gap) in insight.common_gaps.iter().enumerate() {
        let cells = [
            vec![(BODY, (rank + 1).to_string())],
            vec![(BODY, gap.statement.clone())],
            vec![(SMALL, gap.level.as_ref().map(|l| l.long()).unwrap_or_default())],
            vec![(BODY_BOLD, format!("{} of {}", gap.open, gap.teams))],
        ];
        w.flow.place_together(table_row(fonts, left, &columns, &cells, false));
    }
}

/// A labelled horizontal bar of a share.
fn share_bar(fonts: &Fonts, name: &str, share: f32, label: &str, left: f32, width: f32) -> Block {
    let name_width = width * 0.34;
    let bar_left = left + name_width + 8.0;
    let label_width = 120.0;
    let bar_width = width - name_width - 8.0 - label_width - 8.0;
    let mut block = Block::new();
    let y = block.text(fonts, left, 0.0, name_width, BODY, name);
    let height = y.max(14.0) + 4.0;
    let items = vec![
        Item::fill(bar_left, 3.0, bar_width, 8.0, TRACK),
        Item::fill(bar_left, 3.0, (bar_width * share.clamp(0.0, 1.0)).max(0.0), 8.0, ACCENT),
        Item::text(
            fonts,
            bar_left + bar_width + 8.0,
            baseline_offset(&fonts.regular, SMALL),
            SMALL,
            label.to_owned(),
        ),
    ];
    block.add(0.0, 14.0, items);
    block.pad(height);
    block.unbreakable()
}

fn skipped(w: &mut Writer<'_>, portfolio: &Portfolio) {
    if portfolio.skipped.is_empty() {
        return;
    }
    w.flow.new_page();
    w.title(Some("NOT INCLUDED"), "Files skipped");
    w.intro(BODY.colour(MUTED), "These files could not be read and are left out of every figure above.");
    w.flow.gap(6.0);
    for file in &portfolio.skipped {
        for problem in &file.problems {
            let text = match file.reason {
                SkipReason::Broken => problem.to_string(),
                SkipReason::NewerFormat(version) => format!("{problem} (newer format, version {version})"),
            };
            w.paragraph(0.0, SMALL.colour(INK), &text);
            w.flow.gap(3.0);
        }
    }
}
