//! What goes on the pages, in reading order: cover, summary, one section
//! per model, general notes; then the running header and footer once the
//! page count is known.

use super::chart;
use super::flow::{Block, Flow};
use super::fonts::Fonts;
use super::layout::{Item, Page, fit, label_width, wrap};
use super::style::{
    ACCENT, ACCENT_WASH, BODY, BODY_BOLD, FURNITURE, Geometry, H1, H2, H3, INK, KICKER, MUTED, RULE, SMALL,
    SMALL_BOLD, TextStyle,
};
use crate::roadmap::{ModelRoadmap, Roadmap, wording};
use crate::workshop::SUGGESTION_RULE;

/// Laid-out pages of the whole roadmap.
pub fn build(fonts: &Fonts, roadmap: &Roadmap, geometry: Geometry) -> Vec<Page> {
    let mut writer = Writer { flow: Flow::new(geometry), fonts, geometry };
    let about = cover(&mut writer, roadmap);
    writer.flow.new_page();
    summary(&mut writer, roadmap);
    for (index, model) in roadmap.models.iter().enumerate() {
        writer.flow.new_page();
        super::model_section::model_section(&mut writer, model, index, roadmap.models.len());
    }
    writer.flow.new_page();
    general(&mut writer, roadmap);
    if let Some(about) = about {
        writer.flow.gap(24.0);
        writer.flow.place_together(about);
    }
    if let Some(time) = &roadmap.time {
        writer.flow.new_page();
        time_appendix(&mut writer, time);
    }
    let mut pages = writer.flow.finish();
    add_furniture(fonts, geometry, roadmap, &mut pages);
    pages
}

/// The flow plus the vocabulary of the document: headings, paragraphs,
/// tables.
pub struct Writer<'f> {
    pub flow: Flow,
    pub fonts: &'f Fonts,
    pub geometry: Geometry,
}

impl Writer<'_> {
    pub(super) fn left(&self) -> f32 {
        self.geometry.left
    }

    pub(super) fn width(&self) -> f32 {
        self.geometry.content_width()
    }

    /// Wrapped text at `indent` from the left margin, breaking across pages.
    pub(super) fn paragraph(&mut self, indent: f32, style: TextStyle, text: &str) {
        let mut block = Block::new();
        block.text(self.fonts, self.left() + indent, 0.0, self.width() - indent, style, text);
        self.flow.place(block);
    }

    /// A page title, optionally with a small accent label above it.
    pub(super) fn title(&mut self, kicker: Option<&str>, text: &str) {
        let mut block = Block::new();
        let mut y = 0.0;
        if let Some(kicker) = kicker {
            y = block.text(self.fonts, self.left(), y, self.width(), KICKER, kicker) + 2.0;
        }
        y = block.text(self.fonts, self.left(), y, self.width(), H1, text);
        block.pad(y + 8.0);
        self.flow.hold(block.unbreakable());
    }

    /// A section heading with a hairline above it, held until what it
    /// introduces is placed with it.
    pub(super) fn heading(&mut self, text: &str) {
        self.flow.gap(18.0);
        let mut block = Block::new();
        block.separator(0.0, Item::hline(self.left(), self.geometry.content_right(), 0.0, RULE, 0.6));
        let mut heading = Block::new();
        let y = heading.text(self.fonts, self.left(), 0.0, self.width(), H2, text);
        heading.pad(y + 4.0);
        block.append(heading.unbreakable(), 8.0);
        self.flow.hold(block);
    }

    pub(super) fn subheading(&mut self, text: &str) {
        self.flow.gap(8.0);
        let mut block = Block::new();
        let y = block.text(self.fonts, self.left(), 0.0, self.width(), H3, text);
        block.pad(y + 2.0);
        self.flow.hold(block.unbreakable());
    }

    /// A line introducing what follows, kept with it like a heading.
    pub(super) fn intro(&mut self, style: TextStyle, text: &str) {
        let mut block = Block::new();
        let y = block.text(self.fonts, self.left(), 0.0, self.width(), style, text);
        block.pad(y);
        self.flow.hold(block);
    }
}

/// The cover, on one page. Returns the "about this document" box when a
/// crowded cover has no room left for it, to be placed at the end instead.
fn cover(w: &mut Writer<'_>, roadmap: &Roadmap) -> Option<Block> {
    let (left, width, fonts) = (w.left(), w.width(), w.fonts);
    let mut block = Block::new();
    block.add(0.0, 4.0, vec![Item::fill(left, 24.0, 48.0, 4.0, ACCENT)]);
    let mut y = 40.0;
    y = block.text(fonts, left, y, width, KICKER, "DEPLOYMENT MATURITY ROADMAP") + 10.0;
    let team = if roadmap.team.trim().is_empty() { "Unnamed team" } else { roadmap.team.as_str() };
    // A long team name steps down in size rather than fill the cover.
    let team_style = [30.0, 26.0, 22.0, 18.0]
        .map(|size| TextStyle::new(super::fonts::Weight::Bold, size, size * 1.2, INK))
        .into_iter()
        .find(|style| wrap(fonts, style.weight, style.size, team, width).len() <= 3)
        .unwrap_or(TextStyle::new(super::fonts::Weight::Bold, 18.0, 21.6, INK));
    y = block.text(fonts, left, y, width, team_style, team) + 6.0;
    let subtitle = TextStyle::new(super::fonts::Weight::Regular, 13.0, 18.0, MUTED);
    let when = if roadmap.date.is_empty() {
        "Workshop results and roadmap".to_owned()
    } else {
        format!("Workshop of {}", display_date(&roadmap.date))
    };
    y = block.text(fonts, left, y, width, subtitle, &when);
    block.pad(y + 48.0);
    w.flow.place(block);
    cover_details(w, roadmap);

    let framed = about_box(fonts, left, width);
    if w.flow.fits(36.0 + framed.height) {
        w.flow.gap(36.0);
        w.flow.place_together(framed);
        None
    } else {
        Some(framed)
    }
}

/// The cover's table of facts: date, facilitator, participants, models.
fn cover_details(w: &mut Writer<'_>, roadmap: &Roadmap) {
    let (left, width, fonts) = (w.left(), w.width(), w.fonts);
    let label_width = 120.0;
    let rows: Vec<(&str, Vec<String>)> = vec![
        ("Date", vec![display_date(&roadmap.date)]),
        ("Facilitator", vec![roadmap.facilitator.clone()]),
        (
            "Participants",
            // One a line reads best for a usual room; a crowd becomes a list.
            if roadmap.participants.len() <= 8 {
                roadmap.participants.clone()
            } else {
                vec![roadmap.participants.join(", ")]
            },
        ),
        (
            "Models assessed",
            roadmap
                .models
                .iter()
                .map(|model| format!("{}: {}", model.title, wording::movement(model)))
                .collect(),
        ),
    ];
    for (label, values) in rows {
        let values: Vec<String> = values.into_iter().filter(|v| !v.trim().is_empty()).collect();
        let mut row = Block::new();
        row.add(0.0, 0.0, vec![Item::hline(left, left + width, 0.0, RULE, 0.5)]);
        row.text(fonts, left, 8.0, label_width - 10.0, SMALL_BOLD, label);
        let mut y = 8.0;
        if values.is_empty() {
            y = row.text(
                fonts,
                left + label_width,
                y,
                width - label_width,
                BODY.colour(MUTED),
                "Not recorded",
            );
        }
        for value in &values {
            y = row.text(fonts, left + label_width, y, width - label_width, BODY, value) + 2.0;
        }
        row.pad(y + 6.0);
        w.flow.place_together(row);
    }
    let mut end = Block::new();
    end.add(0.0, 0.0, vec![Item::hline(left, left + width, 0.0, RULE, 0.5)]);
    w.flow.place(end);
}

/// "About this document": what the roadmap is and how levels are suggested,
/// on a tinted panel.
fn about_box(fonts: &Fonts, left: f32, width: f32) -> Block {
    let mut about = Block::new();
    let inner = width - 28.0;
    let mut y = 12.0;
    y = about.text(fonts, left + 14.0, y, inner, SMALL_BOLD.colour(ACCENT), "About this document") + 3.0;
    let intro = "This roadmap records where the team stands today on each maturity model, where it aims to be, \
                 the gaps between the two, and the actions it agreed. It was produced from the workshop record \
                 and can be regenerated from it at any time.";
    y = about.text(fonts, left + 14.0, y, inner, SMALL.colour(INK), intro) + 5.0;
    y = about.text(fonts, left + 14.0, y, inner, SMALL, SUGGESTION_RULE);
    let height = y + 12.0;
    let mut framed = Block::new();
    framed.add(0.0, height, vec![Item::fill(left, 0.0, width, height, ACCENT_WASH)]);
    framed.append(about, 0.0);
    framed.unbreakable()
}

fn summary(w: &mut Writer<'_>, roadmap: &Roadmap) {
    w.title(Some("SUMMARY"), "Where the team stands");
    let count = roadmap.models.len();
    let intro = match count {
        0 => wording::NO_MODELS.to_owned(),
        1 => "Current and target level on the one model assessed.".to_owned(),
        n => format!("Current and target level on each of the {n} models assessed."),
    };
    w.intro(BODY.colour(MUTED), &intro);
    if count == 0 {
        return;
    }
    w.flow.gap(14.0);
    let (left, width) = (w.left(), w.width());
    for model in &roadmap.models {
        w.flow.place_together(chart::summary_row(w.fonts, model, left, width));
    }
    w.flow.place_together(chart::summary_legend(w.fonts, left, width));

    w.heading("At a glance");
    let columns = [0.26, 0.21, 0.21, 0.13, 0.08, 0.11].map(|share| share * width);
    let header = ["Model", "Current", "Target", "Answered", "Gaps", "Actions"];
    w.flow.place_together(table_row(
        w.fonts,
        left,
        &columns,
        &header.map(|h| vec![(SMALL_BOLD, h.to_owned())]),
        true,
    ));
    for model in &roadmap.models {
        let cells = [
            vec![(BODY_BOLD, model.title.clone())],
            level_cell(model, Some(model.current), false),
            level_cell(model, model.target, model.target_assumed),
            vec![(BODY, format!("{:.0} %", model.answered_share * 100.0))],
            vec![(BODY, model.gaps.len().to_string())],
            vec![(BODY, model.actions.len().to_string())],
        ];
        w.flow.place_together(table_row(w.fonts, left, &columns, &cells, false));
    }
}

/// A level in a table cell: its number, and its name in small type below.
fn level_cell(model: &ModelRoadmap, index: Option<usize>, assumed: bool) -> Vec<(TextStyle, String)> {
    match index.and_then(|index| model.level(index)) {
        Some(level) => {
            let name =
                if assumed { format!("{} (assumed)", level.short_name) } else { level.short_name.clone() };
            vec![(BODY, format!("Level {}", level.number)), (SMALL, name)]
        }
        None => vec![(BODY.colour(MUTED), wording::NO_TARGET.to_owned())],
    }
}

/// One table row: each cell a stack of styled paragraphs, a hairline
/// below. The header row gets a tinted band.
pub(super) fn table_row(
    fonts: &Fonts,
    left: f32,
    columns: &[f32],
    cells: &[Vec<(TextStyle, String)>],
    header: bool,
) -> Block {
    let (pad_x, pad_y) = (6.0, if header { 5.0 } else { 6.0 });
    let mut content = Block::new();
    let mut bottom: f32 = 0.0;
    let mut x = left;
    for (width, cell) in columns.iter().zip(cells) {
        let mut y = pad_y;
        for (index, (style, text)) in cell.iter().enumerate() {
            if index > 0 {
                y += 2.0;
            }
            y = content.text(fonts, x + pad_x, y, width - 2.0 * pad_x, *style, text);
        }
        bottom = bottom.max(y);
        x += width;
    }
    let height = bottom + pad_y;
    let right = left + columns.iter().sum::<f32>();
    let mut row = Block::new();
    if header {
        row.add(0.0, height, vec![Item::fill(left, 0.0, right - left, height, ACCENT_WASH)]);
    }
    row.append(content, 0.0);
    // A separator, so that a row broken at the foot of a page does not
    // carry its closing rule alone to the top of the next.
    row.separator(height, Item::hline(left, right, height, RULE, 0.5));
    row.pad(height);
    row
}

fn general(w: &mut Writer<'_>, roadmap: &Roadmap) {
    w.title(Some("GENERAL"), wording::GENERAL_NOTES_HEADING);
    if roadmap.general_notes.trim().is_empty() {
        w.paragraph(0.0, BODY.colour(MUTED), wording::NO_GENERAL_NOTES);
    } else {
        w.paragraph(0.0, BODY, &roadmap.general_notes);
    }
    if !roadmap.general_actions.is_empty() {
        w.heading(wording::GENERAL_ACTIONS_HEADING);
        super::model_section::actions(w, &roadmap.general_actions);
    }
    if !roadmap.models.is_empty() {
        w.heading("About the models");
        for (index, model) in roadmap.models.iter().enumerate() {
            if index > 0 {
                w.flow.gap(6.0);
            }
            let indicators: usize = model.levels.iter().map(|level| level.counts.total()).sum();
            w.subheading(&model.title);
            w.paragraph(0.0, BODY.colour(MUTED), &model.summary);
            w.flow.gap(2.0);
            let facts =
                format!("{} levels, {indicators} indicators. Source: {}", model.levels.len(), model.source);
            w.paragraph(0.0, SMALL, &facts);
        }
    }
}

/// The time-box: planned and spent per level (words from `roadmap`).
fn time_appendix(w: &mut Writer<'_>, time: &crate::roadmap::TimeReport) {
    w.title(Some("APPENDIX"), wording::TIME_HEADING);
    w.intro(BODY.colour(MUTED), &time.intro());
    w.flow.gap(6.0);
    let (left, width) = (w.left(), w.width());
    let columns = [0.36, 0.36, 0.14, 0.14].map(|share| share * width);
    let header = wording::TIME_COLUMNS.map(|h| vec![(SMALL_BOLD, h.to_owned())]);
    w.flow.place_together(table_row(w.fonts, left, &columns, &header, true));
    for row in time.rows.iter().cloned().chain(time.elsewhere_row()) {
        // Small type: a row per level of every model fits on one page.
        let cells = [
            vec![(SMALL, row.model.clone())],
            vec![(SMALL, row.level.clone())],
            vec![(SMALL, row.planned_text())],
            vec![(SMALL, row.spent_text())],
        ];
        w.flow.place_together(table_row(w.fonts, left, &columns, &cells, false));
    }
}

fn add_furniture(fonts: &Fonts, geometry: Geometry, roadmap: &Roadmap, pages: &mut [Page]) {
    let title = if roadmap.team.trim().is_empty() {
        "Deployment maturity roadmap".to_owned()
    } else {
        format!("{} · Deployment maturity roadmap", roadmap.team)
    };
    frame_pages(fonts, geometry, &title, &display_date(&roadmap.date), pages);
}

/// The page frame every document shares: title and date over a rule at the
/// top, "Prepared with…" and "page X of Y" under a rule at the foot.
pub(super) fn frame_pages(fonts: &Fonts, geometry: Geometry, title: &str, date: &str, pages: &mut [Page]) {
    let total = pages.len();
    let (left, right) = (geometry.left, geometry.content_right());
    let size = FURNITURE.size;
    let date_width = label_width(fonts, FURNITURE, date);
    let title = fit(fonts, FURNITURE.weight, size, title, geometry.content_width() - date_width - 24.0);
    let header = geometry.header_baseline();
    let footer = geometry.footer_baseline();
    for (index, page) in pages.iter_mut().enumerate() {
        let number = format!("page {} of {total}", index + 1);
        let number_width = label_width(fonts, FURNITURE, &number);
        page.furniture = vec![
            Item::text(fonts, left, header, FURNITURE, title.clone()),
            Item::text(fonts, right - date_width, header, FURNITURE, date.to_owned()),
            Item::hline(left, right, header + 8.0, RULE, 0.5),
            Item::hline(left, right, footer - 13.0, RULE, 0.5),
            Item::text(fonts, left, footer, FURNITURE, "Prepared with Maturity Workshop"),
            Item::text(fonts, right - number_width, footer, FURNITURE, number),
        ];
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "2026-11-20" as "20 November 2026"; anything else as it is.
pub fn display_date(iso: &str) -> String {
    date_parts(iso).map_or_else(|| iso.to_owned(), |(day, month, year)| format!("{day} {month} {year}"))
}

/// "2026-11-20" as "20 Nov 2026", for table columns.
pub(super) fn short_date(iso: &str) -> String {
    date_parts(iso).map_or_else(
        || iso.to_owned(),
        |(day, month, year)| format!("{day} {} {year}", month.get(..3).unwrap_or(month)),
    )
}

fn date_parts(iso: &str) -> Option<(u32, &'static str, &str)> {
    if !crate::workshop::clock::is_iso_date(iso) {
        return None;
    }
    let (year, rest) = iso.split_once('-')?;
    let (month, day) = rest.split_once('-')?;
    let month = MONTHS.get(month.parse::<usize>().ok()?.checked_sub(1)?)?;
    Some((day.parse().ok()?, month, year))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_like_prose() {
        assert_eq!(display_date("2026-11-20"), "20 November 2026");
        assert_eq!(display_date("2027-01-05"), "5 January 2027");
        assert_eq!(display_date("soon"), "soon");
        assert_eq!(display_date(""), "");
        assert_eq!(short_date("2026-12-15"), "15 Dec 2026");
        assert_eq!(short_date("2026-13-15"), "2026-13-15");
    }
}
