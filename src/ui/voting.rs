//! The room's vote on screen (issue 11): the QR code and address on the
//! wall, the count of devices and votes for the facilitator, and the spread
//! as bars with counts once revealed. Draws from the state like every
//! screen; the server itself is run by `WorkshopApp` (`voting_flow.rs`).

use std::sync::Arc;

use egui::{Color32, RichText, Ui};

use super::state::{AppState, Command, Screen};
use super::theme::Palette;
use super::widgets::answer_colour;
use crate::roadmap::wording::{SECOND_CONVERSATION, spread_words};
use crate::voting::{Focus, Spread, Tally};
use crate::workshop::Answer;

/// Voting is open: where the room votes, and what it did so far.
#[derive(Clone, Debug, PartialEq)]
pub struct VotingStatus {
    /// The full address, token included.
    pub url: String,
    pub qr: Arc<Qr>,
    pub tally: Tally,
}

/// A QR code's modules, worked out once when voting opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Qr {
    width: usize,
    dark: Vec<bool>,
}

impl Qr {
    pub fn new(text: &str) -> Option<Self> {
        let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
        let dark = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
        Some(Self { width: code.width(), dark })
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark.get(y * self.width + x).copied().unwrap_or(false)
    }
}

/// The address as the wall shows it: without `http://`, which phones add.
pub fn short_address(url: &str) -> &str {
    url.strip_prefix("http://").unwrap_or(url)
}

/// The indicator the room votes on: the one on screen in the walk-through.
pub fn room_focus(state: &AppState) -> Option<Focus> {
    if state.screen() != Screen::Walkthrough {
        return None;
    }
    let assessment = state.workshop()?.assessments.get(state.nav().model)?;
    let level = assessment.model.levels.get(state.nav().level)?;
    let indicator = level.indicators.get(state.nav().indicator)?;
    Some(Focus {
        model: state.nav().model,
        indicator_id: indicator.id.clone(),
        statement: indicator.statement.clone(),
    })
}

/// Every indicator of the workshop, per model: what the server accepts votes for.
pub fn known_indicators(state: &AppState) -> Vec<(usize, String)> {
    let Some(workshop) = state.workshop() else { return Vec::new() };
    workshop
        .assessments
        .iter()
        .enumerate()
        .flat_map(|(model, a)| a.model.indicators().map(move |(_, ind)| (model, ind.id.clone())))
        .collect()
}

/// The focused indicator's votes as the screens show them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FocusedVotes {
    /// What may be shown: the saved spread, unless a hidden round is under way.
    pub spread: Option<Spread>,
    /// Phones have voted and the facilitator has not revealed yet.
    pub hidden: bool,
    pub voted: usize,
    pub devices: usize,
    pub voting_open: bool,
}

pub fn focused_votes(state: &AppState) -> Option<FocusedVotes> {
    let focus = room_focus(state)?;
    let assessment = state.workshop()?.assessments.get(focus.model)?;
    let saved = crate::roadmap::room_spread(assessment, &focus.indicator_id);
    let (voted, devices, revealed, voting_open) = match state.voting() {
        Some(status) if status.tally.focus.as_ref() == Some(&(focus.model, focus.indicator_id.clone())) => {
            (status.tally.voted, status.tally.devices, status.tally.revealed, true)
        }
        Some(status) => (0, status.tally.devices, false, true),
        None => (0, 0, false, false),
    };
    let hidden = voting_open && !revealed && voted > 0;
    Some(FocusedVotes { spread: if hidden { None } else { saved }, hidden, voted, devices, voting_open })
}

/// The spread as bars with counts, widest for the most votes, painted in
/// one block whose height follows `text` (the type size), so the wall's
/// fitting can shrink it; then the words (what a screen reader reads).
pub fn spread_bars_ui(ui: &mut Ui, spread: &Spread, palette: &Palette, text: f32, width: f32) {
    let most = spread.parts().iter().map(|(_, count)| *count).max().unwrap_or(0).max(1);
    let row = (text * 1.45).round();
    let font = egui::FontId::proportional(text);
    let label_width = Answer::ALL
        .iter()
        .map(|a| {
            ui.fonts_mut(|f| f.layout_no_wrap(a.label().to_owned(), font.clone(), Color32::BLACK).size().x)
        })
        .fold(0.0, f32::max)
        + text * 0.6;
    let count_width = text * 2.2;
    let bar_room = (width - label_width - count_width).max(text * 2.0);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, row * 4.0), egui::Sense::hover());
    let painter = ui.painter_at(rect.expand(2.0));
    let ink = ui.visuals().text_color();
    for (index, (answer, count)) in spread.parts().into_iter().enumerate() {
        let top = rect.top() + row * index as f32;
        let middle = top + row / 2.0;
        painter.text(
            egui::pos2(rect.left(), middle),
            egui::Align2::LEFT_CENTER,
            answer.label(),
            font.clone(),
            ink,
        );
        let length = (bar_room * count as f32 / most as f32).max(2.0);
        let bar = egui::Rect::from_min_size(
            egui::pos2(rect.left() + label_width, middle - row * 0.32),
            egui::vec2(length, row * 0.64),
        );
        painter.rect_filled(bar, text * 0.15, answer_colour(palette, answer));
        painter.text(
            egui::pos2(bar.right() + text * 0.5, middle),
            egui::Align2::LEFT_CENTER,
            count.to_string(),
            egui::FontId::proportional(text),
            ink,
        );
    }
    let mut words = spread_words(spread);
    if let Some(median) = spread.median() {
        words.push_str(&format!(" · median {}", median.label()));
    }
    ui.label(RichText::new(words).size((text * 0.8).round()).color(palette.muted));
    if spread.is_disagreement() {
        ui.label(
            RichText::new(SECOND_CONVERSATION).size((text * 0.9).round()).strong().color(palette.partly),
        );
    }
}

/// A QR code `side` points square, dark on white with its quiet zone.
pub fn qr_ui(ui: &mut Ui, qr: &Qr, side: f32) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
    let modules = qr.width() + 8;
    let module = side / modules as f32;
    let painter = ui.painter();
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    for y in 0..qr.width() {
        // Runs of dark modules in a row as one rectangle: fewer shapes.
        let mut x = 0;
        while x < qr.width() {
            if !qr.is_dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < qr.width() && qr.is_dark(x, y) {
                x += 1;
            }
            let min = rect.min + egui::vec2((start + 4) as f32 * module, (y + 4) as f32 * module);
            let size = egui::vec2((x - start) as f32 * module, module);
            // A hair wider and taller, so anti-aliasing leaves no seams.
            painter.rect_filled(
                egui::Rect::from_min_size(min, size + egui::vec2(0.5, 0.5)),
                0.0,
                Color32::BLACK,
            );
        }
    }
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "QR code of the voting address"));
    response
}

/// The wall's side panel while voting is open: the code, the address, and
/// how many have joined.
pub fn wall_voting_panel(
    ui: &mut Ui,
    status: &VotingStatus,
    palette: &Palette,
    scale: f32,
    background: Color32,
) {
    let width = (300.0 * scale).round();
    egui::Panel::right("wall_voting")
        .resizable(false)
        .show_separator_line(false)
        .exact_size(width)
        .frame(egui::Frame::new().fill(background).inner_margin(egui::Margin::same((24.0 * scale) as i8)))
        .show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.label(RichText::new("Vote on your phone").size((28.0 * scale).round()).strong());
                ui.add_space(8.0 * scale);
                let side = ui.available_width().min(260.0 * scale);
                qr_ui(ui, &status.qr, side);
                ui.add_space(8.0 * scale);
                ui.add(
                    egui::Label::new(
                        RichText::new(short_address(&status.url)).size((17.0 * scale).round()).monospace(),
                    )
                    .wrap_mode(egui::TextWrapMode::Wrap),
                );
                ui.add_space(8.0 * scale);
                let devices = status.tally.devices;
                let joined = if devices == 1 {
                    "1 device joined".to_owned()
                } else {
                    format!("{devices} devices joined")
                };
                ui.label(RichText::new(joined).size((22.0 * scale).round()).color(palette.muted));
            });
        });
}

/// Under the indicator on the wall: the votes so far (hidden) or the spread.
pub fn wall_votes_ui(ui: &mut Ui, state: &AppState, palette: &Palette, scale: f32) {
    let Some(votes) = focused_votes(state) else { return };
    let text = (28.0 * scale).round();
    if votes.hidden {
        ui.add_space(16.0 * scale);
        let s = if votes.voted == 1 { "" } else { "s" };
        ui.label(
            RichText::new(format!("{} vote{s} in · hidden until the reveal", votes.voted))
                .size(text)
                .color(palette.muted),
        );
        return;
    }
    if let Some(spread) = votes.spread {
        ui.add_space(12.0 * scale);
        ui.label(RichText::new("How the room voted").size(text).strong());
        let width = ui.available_width().min(760.0 * scale);
        spread_bars_ui(ui, &spread, palette, (24.0 * scale).round(), width);
    } else if votes.voting_open {
        ui.add_space(16.0 * scale);
        ui.label(RichText::new("Vote now: scan the code").size(text).color(palette.muted));
    }
}

/// The presenter strip's cell: devices and votes, never who voted what;
/// the reveal and the spread with its median once revealed.
pub fn presenter_cell_ui(ui: &mut Ui, state: &AppState, palette: &Palette) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.label(RichText::new("Room vote").strong().color(palette.muted));
    let votes = focused_votes(state);
    match state.voting() {
        Some(status) => {
            let devices = status.tally.devices;
            let voted = votes.map_or(0, |v| v.voted);
            let devices = if devices == 1 { "1 device".to_owned() } else { format!("{devices} devices") };
            ui.label(format!("{devices} joined · {voted} voted on this indicator"));
            ui.horizontal_wrapped(|ui| {
                // Only while there is something to reveal: the strip is short.
                if votes.is_some_and(|v| v.hidden)
                    && ui.add(egui::Button::new("Reveal votes").small().shortcut_text("R")).clicked()
                {
                    commands.push(Command::RevealVotes);
                }
                if ui.add(egui::Button::new("Close voting").small().shortcut_text("V")).clicked() {
                    commands.push(Command::ToggleVoting);
                }
            });
        }
        None => {
            ui.label("Phones: V opens voting. Hands: Ctrl+1 … Ctrl+4 count one each.");
            if ui.add(egui::Button::new("Open voting").shortcut_text("V")).clicked() {
                commands.push(Command::ToggleVoting);
            }
        }
    }
    if let Some(spread) = votes.and_then(|v| v.spread) {
        spread_bars_ui(ui, &spread, palette, 13.0, ui.available_width());
        if let Some(median) = spread.median() {
            let answered = room_focus(state).and_then(|focus| {
                state.workshop()?.assessments.get(focus.model)?.answer(&focus.indicator_id)
            });
            if answered != Some(median)
                && ui.button(format!("Answer {} (the median)", median.label())).clicked()
            {
                commands.push(answer_command(state, median));
            }
        }
    }
    commands
}

fn answer_command(state: &AppState, answer: Answer) -> Command {
    match room_focus(state) {
        Some(focus) => Command::Edit(crate::workshop::Edit::SetAnswer {
            model: focus.model,
            indicator_id: focus.indicator_id,
            answer: Some(answer),
        }),
        None => Command::SealUndo,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_qr_code_has_modules_and_the_address_loses_its_scheme() {
        let qr = Qr::new("http://192.168.1.20:49152/v/abcdefghijkmnpqrstuvwxyz23").unwrap();
        assert!(qr.width() >= 21);
        assert!(qr.is_dark(0, 0), "the finder pattern's corner is dark");
        assert!(!qr.is_dark(qr.width(), 0), "outside the code is light");
        assert_eq!(short_address("http://10.0.0.2:80/v/x"), "10.0.0.2:80/v/x");
    }
}
