//! The app driven as a facilitator would: by labels, clicks and keys, with
//! the accessibility check on (every control must have a label).

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::{Screen, WorkshopApp};
use crate::workshop::{Answer, Assessment};

fn harness_at(width: f32, height: f32) -> Harness<'static, WorkshopApp> {
    // Leaked so the folder outlives the harness; tests are short-lived.
    let data_dir = tempfile::tempdir().unwrap().keep();
    Harness::builder()
        .with_size(egui::vec2(width, height))
        .build_ui_state(|ui, app: &mut WorkshopApp| app.frame_ui(ui), WorkshopApp::headless(data_dir))
}

fn harness() -> Harness<'static, WorkshopApp> {
    harness_at(1920.0, 1080.0)
}

fn assessment(harness: &Harness<'_, WorkshopApp>, model: usize) -> Assessment {
    harness.state().state.workshop().unwrap().assessments[model].clone()
}

/// Scrolls a control into view, as a facilitator would, then clicks it.
fn click(harness: &mut Harness<'_, WorkshopApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

fn press(harness: &mut Harness<'_, WorkshopApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

/// Fills the form and starts a workshop with the first and third bundled models.
fn start_workshop(harness: &mut Harness<'_, WorkshopApp>) {
    let team = harness.get_by_label("Team");
    team.focus();
    team.type_text("Checkout");
    harness.run();
    harness.get_by_label("The Deployment Maturity Model").click();
    harness.get_by_label("Deployment Levels").click();
    harness.run();
    click(harness, "Start workshop");
}

#[test]
fn a_facilitator_runs_a_workshop_by_keyboard_and_mouse() {
    let mut harness = harness();
    harness.run();
    start_workshop(&mut harness);
    let state = &harness.state().state;
    assert_eq!(state.screen, Screen::Walkthrough);
    let workshop = state.workshop().unwrap();
    assert_eq!(workshop.details.team, "Checkout");
    let titles: Vec<_> = workshop.assessments.iter().map(|a| a.model.title.as_str()).collect();
    assert_eq!(titles, ["The Deployment Maturity Model", "Deployment Levels"]);

    // Level 1 (Unaware) by keyboard: 1 answers Yes, Right moves on.
    let unaware = assessment(&harness, 0).model.levels[0].indicators.len();
    for _ in 0..unaware {
        press(&mut harness, Key::Num1);
        press(&mut harness, Key::ArrowRight);
    }
    let a = assessment(&harness, 0);
    assert!(a.model.levels[0].indicators.iter().all(|i| a.answer(&i.id) == Some(Answer::Yes)));
    // Moving past the last indicator went on to the next level.
    assert_eq!(harness.state().state.nav.level, 1);
    assert_eq!(a.suggested_level(), 0);

    // Level 2 (Casual): the first answer by mouse, the rest by keys.
    harness.get_all_by_label("1 Yes").next().unwrap().click();
    harness.run();
    assert_eq!(assessment(&harness, 0).answer(&a.model.levels[1].indicators[0].id), Some(Answer::Yes));
    press(&mut harness, Key::ArrowRight);
    for _ in 1..a.model.levels[1].indicators.len() {
        press(&mut harness, Key::Num4);
        press(&mut harness, Key::PageDown);
    }
    let a = assessment(&harness, 0);
    assert_eq!(a.suggested_level(), 1, "Yes and Not applicable meet a level");
    assert_eq!(harness.state().state.nav.level, 2, "PageDown moves on like a clicker");
    harness.get_by_label("Suggested: Casual");

    // A Partly on Rigid keeps the suggestion at Casual.
    press(&mut harness, Key::Num2);
    assert_eq!(assessment(&harness, 0).suggested_level(), 1);

    // PageUp goes back to the previous level's last indicator.
    press(&mut harness, Key::PageUp);
    assert_eq!(harness.state().state.nav.level, 1);

    // Override the suggestion and say why.
    click(&mut harness, "Place the team at");
    // The popup's entry, drawn after the ladder's row of the same name.
    harness.get_all_by_label("Unaware").last().unwrap().click();
    harness.run();
    let a = assessment(&harness, 0);
    assert_eq!(a.current_level(), 0);
    assert!(a.is_current_overridden());
    let why = harness.get_by_label("Why the override");
    why.focus();
    why.type_text("Production still needs a manual step");
    harness.run();
    assert_eq!(
        assessment(&harness, 0).current_override.unwrap().reason,
        "Production still needs a manual step"
    );
    press(&mut harness, Key::Escape);

    // Set the target on the ladder: select Flexible, make it the target.
    harness.get_by_role_and_label(egui::Role::Button, "Flexible").click();
    harness.run();
    click(&mut harness, "Make the selected level the target");
    assert_eq!(assessment(&harness, 0).target_level.as_deref(), Some("flexible"));
    harness.get_by_role_and_label(egui::Role::Button, "Flexible, target level");

    // N opens the focused indicator's note; digits typed there are text,
    // not answers; Escape leaves the field and keys navigate again.
    let focused = super::walkthrough::focused_indicator_id(&harness.state().state).unwrap();
    press(&mut harness, Key::N);
    harness.get_by_label("Note").type_text("Needs 2 approvals");
    harness.run();
    let a = assessment(&harness, 0);
    assert_eq!(a.indicator_notes.get(&focused).map(String::as_str), Some("Needs 2 approvals"));
    assert_eq!(a.answer(&focused), None, "typing 2 in a note must not answer Partly");
    press(&mut harness, Key::Escape);
    press(&mut harness, Key::Num3);
    assert_eq!(assessment(&harness, 0).answer(&focused), Some(Answer::No));

    // A level note.
    let level_note = harness.get_by_label("Level note");
    level_note.focus();
    level_note.type_text("Flexible is the goal for spring");
    harness.run();
    press(&mut harness, Key::Escape);
    assert_eq!(
        assessment(&harness, 0).level_notes.get("flexible").map(String::as_str),
        Some("Flexible is the goal for spring")
    );

    // The second model, from the top bar.
    harness.get_by_label("Deployment Levels").click();
    harness.run();
    assert_eq!(harness.state().state.nav.model, 1);
    press(&mut harness, Key::Num1);
    assert_eq!(assessment(&harness, 1).answers.len(), 1);

    // Undo and redo by keys.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(assessment(&harness, 1).answers.is_empty());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(assessment(&harness, 1).answers.len(), 1);

    // The summary shows both models.
    harness.get_by_label("Summary").click();
    harness.run();
    assert_eq!(harness.state().state.screen, Screen::Summary);
    harness.get_by_label("Summary · Checkout");

    // Presenting hides the chrome; F5 brings it back.
    press(&mut harness, Key::F5);
    assert!(harness.state().state.presenting);
    assert!(harness.query_by_label("Undo").is_none());
    harness.get_by_label("Show controls (F5)");
    press(&mut harness, Key::F5);
    assert!(!harness.state().state.presenting);
    harness.get_by_label("Undo");
}

#[test]
fn sample_workshop_opens_on_every_screen_and_theme_without_unlabelled_controls() {
    for (width, height) in [(1920.0, 1080.0), (1280.0, 720.0)] {
        let mut harness = harness_at(width, height);
        harness.run();
        harness.get_by_label("Open sample workshop").click();
        harness.run();
        for theme in ["Light", "Dark", "Projector"] {
            harness.get_by_label("Theme").click();
            harness.run();
            harness.get_by_label(theme).click();
            harness.run();
            for model in 0..4 {
                harness.state_mut().state.execute(super::Command::SelectModel(model));
                harness.run();
            }
            harness.state_mut().state.execute(super::Command::Show(Screen::Summary));
            harness.run();
        }
    }
}

#[test]
fn zoom_and_fullscreen_keys_change_settings() {
    let mut harness = harness();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    assert!((harness.state().state.settings.zoom - 1.1).abs() < 1e-4);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run();
    assert!((harness.state().state.settings.zoom - 1.0).abs() < 1e-4);
    press(&mut harness, Key::F11);
    assert!(harness.state().state.fullscreen);
}

#[test]
fn the_start_form_explains_what_is_missing() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Enter the team's name.");
    let team = harness.get_by_label("Team");
    team.focus();
    team.type_text("Ops");
    harness.run();
    harness.get_by_label("Pick at least one model.");
    harness.get_by_label("Start workshop").click();
    harness.run();
    assert_eq!(harness.state().state.screen, Screen::Start);
}
