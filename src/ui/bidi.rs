//! A label for the team's own words (notes, titles, names) that reads
//! right to left where they do: Arabic and Hebrew words in reading order,
//! right-to-left paragraphs aligned right.
//!
//! egui wraps and shapes text left to right: each stretch of one font is
//! shaped by harfrust (which turns an Arabic or Hebrew word and joins its
//! letters), but the stretches stand in typing order. [`bidi_label`] wraps
//! the text as typed (`text_direction::wrap_lines`, words measured in
//! egui's fonts), then lays each line out in the order `text_direction`
//! gives, one section per piece so that the shaper turns each right-to-left
//! word on its own, and places the lines of a right-to-left paragraph
//! against the right edge. Text without a right-to-left character is an
//! ordinary label, at no cost.
//!
//! Display only: the label is not selectable (a selection of the reordered
//! text would copy it out of typing order) and tells screen readers the text
//! as typed. Text being edited stays in typing order: a caret that moves
//! through bidi text needs egui's own support.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::cache::{ComputerMut, FrameCache};
use egui::epaint::text::ByteRangeExt as _;
use egui::epaint::text::{ByteIndex, LayoutSection};
use egui::text::{LayoutJob, TextFormat};
use egui::{Align, Galley, Pos2, Rect, Response, RichText, Sense, TextWrapMode, Ui, WidgetInfo, WidgetText};

use crate::text_direction::{Bidi, Piece, has_rtl, mirror, wrap_lines};

/// The text of `text` as a label, in reading order.
pub fn bidi_label(ui: &mut Ui, text: impl Into<RichText>) -> Response {
    let text: RichText = text.into();
    if !has_rtl(text.text()) {
        return ui.label(text);
    }
    let logical_text = text.text().to_owned();
    let layout = ui.layout();
    let centred = layout.horizontal_placement() == Align::Center;
    // In a column, the label takes the column's width, so that a
    // right-to-left paragraph lines up with its right edge.
    let stretch = !layout.is_horizontal() && !centred;
    let width = if layout.is_horizontal() { ui.available_size_before_wrap().x } else { ui.available_width() };
    let galley = visual_galley(ui, text, width, stretch, centred);
    let (rect, response) = ui.allocate_exact_size(galley.size(), Sense::hover());
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, ui.is_enabled(), &logical_text));
    if ui.is_rect_visible(rect) {
        let colour = ui.style().visuals.text_color();
        ui.painter().galley(rect.left_top(), galley, colour);
    }
    response
}

/// `text` for a one-line widget (a button, a menu entry), in reading
/// order: each paragraph is one line, not wrapped. Text without a
/// right-to-left character comes back as it is. The widget is told the
/// text as drawn, so a screen reader reads a right-to-left name of a
/// button in drawing order; labels (`bidi_label`) give the text as typed.
pub fn bidi_text(ui: &Ui, text: impl Into<RichText>) -> WidgetText {
    let text: RichText = text.into();
    if !has_rtl(text.text()) {
        return text.into();
    }
    let typed =
        WidgetText::from(text).into_layout_job(ui.style(), egui::FontSelection::Default, ui.text_valign());
    WidgetText::LayoutJob(Arc::new(bidi_job(ui, Arc::unwrap_or_clone(typed))))
}

/// A layout job for a painter (a heatmap cell), in reading order: each
/// paragraph one line, its wrapping (a cut with an ellipsis) kept. A job
/// without a right-to-left character comes back as it is.
pub fn bidi_job(ui: &Ui, typed: LayoutJob) -> LayoutJob {
    if !has_rtl(&typed.text) {
        return typed;
    }
    let mut lines = Vec::new();
    let mut start = 0;
    for paragraph in typed.text.split('\n') {
        lines.push(start..start + paragraph.len());
        start += paragraph.len() + 1;
    }
    let ordered = ordered_lines(ui, &typed.text, &lines);
    let mut job = visual_job(&typed, &ordered);
    job.wrap = typed.wrap.clone();
    job.halign = typed.halign;
    job
}

/// The lines of `text` wrapped at `width` as typed, then each laid out in
/// reading order; lines of right-to-left paragraphs against the right edge
/// (of `width` when `stretch`, else of the widest line), or all centred.
fn visual_galley(ui: &Ui, text: RichText, width: f32, stretch: bool, centred: bool) -> Arc<Galley> {
    let typed =
        WidgetText::from(text).into_layout_job(ui.style(), egui::FontSelection::Default, ui.text_valign());
    let width = if ui.wrap_mode() == TextWrapMode::Wrap { width } else { f32::INFINITY };
    let lines = wrapped_lines(ui, &typed, width);
    let ordered = ordered_lines(ui, &typed.text, &lines);
    let visual = ui.fonts_mut(|fonts| fonts.layout_job(visual_job(&typed, &ordered)));
    let block = if stretch && width.is_finite() { width.max(visual.size().x) } else { visual.size().x };
    let mut placed = (*visual).clone();
    for (row, (_, rtl)) in placed.rows.iter_mut().zip(ordered.iter()) {
        let room = block - row.row.size.x;
        row.pos.x = if centred {
            (room / 2.0).round()
        } else if *rtl {
            room.round()
        } else {
            0.0
        };
    }
    placed.rect = Rect::from_min_size(Pos2::ZERO, egui::vec2(block, visual.size().y));
    placed.mesh_bounds = placed
        .rows
        .iter()
        .map(|row| row.row.visuals.mesh_bounds.translate(row.pos.to_vec2()))
        .fold(placed.rect, Rect::union);
    Arc::new(placed)
}

/// Where the lines of `typed` break at `width`, measured in its fonts;
/// worked out again only when the text, its format, the width or the
/// installed fonts change, and forgotten once the label is off screen.
fn wrapped_lines(ui: &Ui, typed: &LayoutJob, width: f32) -> Lines {
    let fonts = ui.fonts(|fonts| fonts.definitions().font_data.len());
    let key = egui::Id::unique(("bidi_lines", &typed.text, &typed.sections, width.to_bits(), fonts));
    let frame = ui.ctx().cumulative_pass_nr();
    let cached = ui.data_mut(|data| {
        let cache = data.get_temp_mut_or_default::<LineCache>(egui::Id::unique("bidi_line_cache"));
        if cache.frame != frame {
            // Keep what the last frame used, like egui's own caches.
            let last = cache.frame;
            cache.entries.retain(|_, (used, _)| *used >= last);
            cache.frame = frame;
        }
        cache.entries.get_mut(&key).map(|(used, lines)| {
            *used = frame;
            lines.clone()
        })
    });
    if let Some(lines) = cached {
        return lines;
    }
    let lines = Arc::new(ui.fonts_mut(|fonts| {
        wrap_lines(&typed.text, width, |piece| {
            let format = format_at(typed, piece.start);
            let text = typed.text.get(piece).unwrap_or_default().to_owned();
            fonts.layout_job(LayoutJob::single_section(text, format)).size().x
        })
    }));
    ui.data_mut(|data| {
        let cache = data.get_temp_mut_or_default::<LineCache>(egui::Id::unique("bidi_line_cache"));
        cache.entries.insert(key, (frame, lines.clone()));
    });
    lines
}

/// A label's lines, as byte ranges of its text.
type Lines = Arc<Vec<Range<usize>>>;

/// The line breaks of the labels on screen, by text, format and width.
#[derive(Clone, Default)]
struct LineCache {
    frame: u64,
    /// The lines, and the frame that last used them.
    entries: HashMap<egui::Id, (u64, Lines)>,
}

/// The format of the section of `job` holding byte `at`.
fn format_at(job: &LayoutJob, at: usize) -> TextFormat {
    job.sections
        .iter()
        .find(|section| section.byte_range.as_usize().contains(&at))
        .or(job.sections.last())
        .map(|section| section.format.clone())
        .unwrap_or_default()
}

/// Each line's pieces in drawing order, and whether its paragraph reads
/// right to left.
type Ordered = Vec<(Vec<Piece>, bool)>;

/// The lines of `text` in drawing order, from egui's frame cache: worked
/// out once while the text stays on screen with the same line breaks.
fn ordered_lines(ui: &Ui, text: &str, lines: &[Range<usize>]) -> Arc<Ordered> {
    ui.ctx().memory_mut(|memory| {
        memory.caches.cache::<FrameCache<Arc<Ordered>, OrderLines>>().get((text, lines)).clone()
    })
}

/// Works out the order of a label's lines once while it stays on screen.
#[derive(Default)]
struct OrderLines;

impl ComputerMut<(&str, &[Range<usize>]), Arc<Ordered>> for OrderLines {
    fn compute(&mut self, (text, lines): (&str, &[Range<usize>])) -> Arc<Ordered> {
        let bidi = Bidi::new(text);
        Arc::new(
            lines.iter().map(|line| (bidi.visual_line(line.clone()), bidi.is_rtl_at(line.start))).collect(),
        )
    }
}

/// The lines one below the other, each piece a section of its own in the
/// format of the text it comes from, a mirrored bracket where it reads so.
fn visual_job(typed: &LayoutJob, ordered: &Ordered) -> LayoutJob {
    let mut job = LayoutJob { halign: Align::LEFT, ..LayoutJob::default() };
    let format_at = |at: usize| format_at(typed, at);
    for (index, (pieces, _)) in ordered.iter().enumerate() {
        if index > 0 {
            let at = pieces.first().map_or(0, |piece| piece.range.start);
            push_section(&mut job, "\n", format_at(at));
        }
        for piece in pieces {
            let text = &typed.text[piece.range.clone()];
            let mut chars = text.chars();
            let mirrored = match (chars.next().and_then(mirror), chars.next()) {
                (Some(mirrored), None) if piece.rtl => Some(mirrored.to_string()),
                _ => None,
            };
            push_section(&mut job, mirrored.as_deref().unwrap_or(text), format_at(piece.range.start));
        }
    }
    job
}

/// Adds a section of its own. Not `LayoutJob::append`, which merges a
/// section into the one before it when their formats are the same: egui
/// would then shape an Arabic word and the comma drawn left of it in one
/// run, and the shaper, turning the run, would put the comma on its right.
fn push_section(job: &mut LayoutJob, text: &str, format: TextFormat) {
    let start = job.text.len();
    job.text.push_str(text);
    let byte_range = ByteIndex(start)..ByteIndex(job.text.len());
    job.sections.push(LayoutSection { leading_space: 0.0, byte_range, format });
}
