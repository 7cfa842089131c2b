//! The selected team's trend: its current and target level per model over
//! its workshops, one colour per model.

use egui::{Color32, RichText, Ui};

use super::{PortfolioCommand, PortfolioState};
use crate::portfolio::PortfolioView;
use crate::portfolio::colour;
use crate::ui::bidi::bidi_text;
use crate::ui::state::Command;
use crate::ui::theme::Palette;
use crate::ui::widgets::muted;
use crate::workshop::clock::iso_from_days;

pub(super) fn trend_ui(
    ui: &mut Ui,
    portfolio: &PortfolioState,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let view = &portfolio.view;
    let Some(team) = view.teams.get(portfolio.team) else { return };
    ui.horizontal_wrapped(|ui| {
        ui.heading("Trend");
        ui.add_space(12.0);
        let label = ui.label("Team");
        egui::ComboBox::from_id_salt("portfolio_team")
            .selected_text(bidi_text(ui, RichText::new(&team.name).strong()))
            .height(400.0)
            .show_ui(ui, |ui| {
                for (index, other) in view.teams.iter().enumerate() {
                    if ui.selectable_label(index == portfolio.team, bidi_text(ui, &other.name)).clicked() {
                        commands.push(Command::Portfolio(PortfolioCommand::SelectTeam(index)));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    muted(
        ui,
        palette,
        format!(
            "Current level (solid) and target (dashed) per model over {} workshops; levels counted from the bottom of each ladder.",
            team.workshops.len()
        ),
    );
    trend_plot_ui(ui, view, portfolio.team);
}

/// The selected team's levels over time, one colour per model.
fn trend_plot_ui(ui: &mut Ui, view: &PortfolioView, team_index: usize) {
    let Some(team) = view.teams.get(team_index) else { return };
    let top = team.chart_top();
    let series = view.models.len().max(1) as f64;
    let days: Vec<i64> = team.trends.iter().flat_map(|t| t.points.iter().filter_map(|p| p.day)).collect();
    let (first, last) = (days.iter().min().copied().unwrap_or(0), days.iter().max().copied().unwrap_or(0));
    let height = (ui.text_style_height(&egui::TextStyle::Body) * 14.0).clamp(260.0, 420.0);
    egui_plot::Plot::new(("portfolio_trend_plot", team_index))
        .height(height)
        .legend(egui_plot::Legend::default().position(egui_plot::Corner::RightTop))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_y(-0.2)
        .include_y(top as f64 + 0.9)
        .include_x(first as f64 - 10.0)
        .include_x(last as f64 + 10.0)
        .x_axis_formatter(|mark, _| iso_from_days(mark.value.round() as i64))
        .y_axis_formatter(|mark, _| {
            let value = mark.value;
            if (value - value.round()).abs() < 1e-6 && value >= 0.0 {
                format!("{}", value as i64 + 1)
            } else {
                String::new()
            }
        })
        .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]))
        .label_formatter(|hover| match hover {
            egui_plot::HoverPosition::NearDataPoint { plot_name, position, .. } if !plot_name.is_empty() => {
                Some(format!(
                    "{plot_name}\n{}: level {}",
                    iso_from_days(position.x.round() as i64),
                    position.y.round() as i64 + 1
                ))
            }
            _ => None,
        })
        .show(ui, |plot| {
            for (m, (model, trend)) in view.models.iter().zip(&team.trends).enumerate() {
                let colour = Color32::from(colour::series_colour(m));
                // Models on the same level would hide each other: each is
                // lifted a hair, far less than the hover label's rounding.
                let lift = (m as f64 - (series - 1.0) / 2.0) * 0.07;
                let current: Vec<[f64; 2]> = trend
                    .points
                    .iter()
                    .filter_map(|p| Some([p.day? as f64, p.current as f64 + lift]))
                    .collect();
                let target: Vec<[f64; 2]> = trend
                    .points
                    .iter()
                    .filter_map(|p| Some([p.day? as f64, p.target? as f64 + lift]))
                    .collect();
                if current.is_empty() {
                    continue;
                }
                plot.line(
                    egui_plot::Line::new(model.title.clone(), current.clone()).color(colour).width(3.0),
                );
                plot.points(
                    egui_plot::Points::new(model.title.clone(), current)
                        .color(colour)
                        .radius(5.0)
                        .filled(true),
                );
                if !target.is_empty() {
                    plot.line(
                        // Named as the current line, so the legend holds one
                        // entry per model and hides or shows both.
                        egui_plot::Line::new(model.title.clone(), target)
                            .color(colour)
                            .width(1.5)
                            .style(egui_plot::LineStyle::dashed_loose()),
                    );
                }
            }
        });
}
