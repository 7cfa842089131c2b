//! Per model, the dimensions most teams meet and the gaps most share; and
//! the files that could not be read.

use egui::{RichText, Sense, Stroke, Ui, vec2};

use crate::portfolio::{ModelColumn, ModelInsight, Portfolio, PortfolioView, SkipReason};
use crate::ui::bidi::bidi_label;
use crate::ui::theme::Palette;
use crate::ui::widgets::muted;

pub(super) fn model_ui(
    ui: &mut Ui,
    view: &PortfolioView,
    model: &ModelColumn,
    insight: &ModelInsight,
    palette: &Palette,
) {
    ui.separator();
    bidi_label(ui, RichText::new(&model.title).heading());
    let mut line = format!("Used by {} of {} teams.", model.teams, view.teams.len());
    if model.versions_differ() {
        line.push_str(&format!(
            " Versions {}: levels compared by their position in the ladder.",
            model.version_list()
        ));
    }
    muted(ui, palette, line);
    let wide = ui.available_width() > 1100.0 && !insight.dimensions.is_empty();
    let columns = if wide { 2 } else { 1 };
    ui.columns(columns, |cols| {
        if !insight.dimensions.is_empty() {
            let ui = &mut cols[0];
            ui.label(
                RichText::new("Dimensions met")
                    .strong()
                    .size(ui.text_style_height(&egui::TextStyle::Body) * 1.15),
            )
            .on_hover_text(
                "A team meets a dimension when none of its indicators up to the team's target level is open.",
            );
            for dimension in &insight.dimensions {
                let text = if dimension.teams == 0 {
                    format!("{}: no team reaches it yet", dimension.name)
                } else {
                    format!(
                        "{}: {} of {} teams ({:.0} %)",
                        dimension.name,
                        dimension.met,
                        dimension.teams,
                        dimension.share() * 100.0
                    )
                };
                share_bar_ui(ui, palette, &text, dimension.share());
            }
        }
        let ui = &mut cols[columns - 1];
        if !wide && !insight.dimensions.is_empty() {
            ui.add_space(12.0);
        }
        ui.label(
            RichText::new("Common gaps").strong().size(ui.text_style_height(&egui::TextStyle::Body) * 1.15),
        )
        .on_hover_text(
            "The indicators most often not Yes up to each team's target, in their latest workshop.",
        );
        if insight.common_gaps.is_empty() {
            muted(ui, palette, "No team has an open indicator up to its target.");
        }
        for (rank, gap) in insight.common_gaps.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("{}.", rank + 1)).strong());
                ui.label(RichText::new(format!("{} of {}", gap.open, gap.teams)).strong().color(palette.no));
                if let Some(level) = &gap.level {
                    ui.label(RichText::new(level.short()).small().color(palette.muted));
                }
                ui.label(&gap.statement);
            });
        }
    });
}

/// A label over a thin bar of `share`: the track in the card colour, the
/// share in the accent.
fn share_bar_ui(ui: &mut Ui, palette: &Palette, text: &str, share: f32) {
    ui.label(text);
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), 10.0), Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(rect, 3.0, palette.card);
    painter.rect_stroke(
        rect,
        3.0,
        Stroke::new(1.0, palette.muted.gamma_multiply(0.5)),
        egui::StrokeKind::Inside,
    );
    let filled =
        egui::Rect::from_min_size(rect.min, vec2(rect.width() * share.clamp(0.0, 1.0), rect.height()));
    painter.rect_filled(filled, 3.0, palette.accent);
    ui.add_space(6.0);
}

pub(super) fn skipped_ui(ui: &mut Ui, data: &Portfolio, palette: &Palette) {
    if data.skipped.is_empty() {
        return;
    }
    ui.add_space(16.0);
    ui.separator();
    let newer = data.skipped.iter().filter(|s| matches!(s.reason, SkipReason::NewerFormat(_))).count();
    let mut title = format!("{} files skipped", data.skipped.len());
    if newer > 0 {
        title.push_str(&format!(" ({newer} from a newer version of the app)"));
    }
    egui::CollapsingHeader::new(RichText::new(title).strong().color(palette.no))
        .id_salt("portfolio_skipped")
        .show(ui, |ui| {
            for file in &data.skipped {
                let mut text = file.headline();
                if let SkipReason::NewerFormat(version) = file.reason {
                    text.push_str(&format!(
                        " — written in format version {version}; update Maturity Workshop to read it"
                    ));
                }
                ui.label(RichText::new(text).monospace().small());
            }
        });
}
