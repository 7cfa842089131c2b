//! The app driven as a facilitator would: by labels, clicks and keys, with
//! the accessibility check on (every control must have a label).
//! The harness and the helpers here are shared with `file_tests` (saving,
//! autosave, recovery, exports) and `model_tests` (adding models, sources).

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::{Screen, WorkshopApp};
use crate::workshop::{Answer, Assessment};

pub(super) fn harness_at(width: f32, height: f32) -> Harness<'static, WorkshopApp> {
    // Leaked so the folder outlives the harness; tests are short-lived.
    let data_dir = tempfile::tempdir().unwrap().keep();
    Harness::builder()
        .with_size(egui::vec2(width, height))
        .build_ui_state(|ui, app: &mut WorkshopApp| app.frame_ui(ui), WorkshopApp::headless(data_dir))
}

pub(super) fn harness() -> Harness<'static, WorkshopApp> {
    harness_at(1920.0, 1080.0)
}

pub(super) fn assessment(harness: &Harness<'_, WorkshopApp>, model: usize) -> Assessment {
    harness.state().state.workshop().unwrap().assessments[model].clone()
}

/// Scrolls a control into view, as a facilitator would, then clicks it.
pub(super) fn click(harness: &mut Harness<'_, WorkshopApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

pub(super) fn press(harness: &mut Harness<'_, WorkshopApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

/// In the in-app file chooser: go to `folder`, name the file, save.
pub(super) fn save_in_chooser(harness: &mut Harness<'_, WorkshopApp>, folder: &std::path::Path, name: &str) {
    for (label, text) in [("Folder", folder.display().to_string()), ("File name", name.to_owned())] {
        harness.get_by_label(label).focus();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        harness.get_by_label(label).type_text(&text);
        press(harness, Key::Enter);
    }
    click(harness, "Save");
}

/// Fills the form and starts a workshop with the first and third bundled models.
pub(super) fn start_workshop(harness: &mut Harness<'_, WorkshopApp>) {
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
    assert_eq!(state.screen(), Screen::Walkthrough);
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
    assert_eq!(harness.state().state.nav().level, 1);
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
    assert_eq!(harness.state().state.nav().level, 2, "PageDown moves on like a clicker");
    harness.get_by_label("Suggested: Casual");

    // A Partly on Rigid keeps the suggestion at Casual.
    press(&mut harness, Key::Num2);
    assert_eq!(assessment(&harness, 0).suggested_level(), 1);

    // PageUp goes back to the previous level's last indicator.
    press(&mut harness, Key::PageUp);
    assert_eq!(harness.state().state.nav().level, 1);

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
    assert_eq!(harness.state().state.nav().model, 1);
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
    assert_eq!(harness.state().state.screen(), Screen::Summary);
    harness.get_by_label("Summary · Checkout");

    // Presenting hides the chrome; F5 brings it back.
    press(&mut harness, Key::F5);
    assert!(harness.state().state.presenting());
    assert!(harness.query_by_label("Roadmap").is_none());
    harness.get_by_label("Show controls (F5)");
    press(&mut harness, Key::F5);
    assert!(!harness.state().state.presenting());
    harness.get_by_label("Roadmap");
}

#[test]
fn sample_workshop_opens_on_every_screen_and_theme_without_unlabelled_controls() {
    for (width, height) in [(1920.0, 1080.0), (1280.0, 720.0)] {
        let mut harness = harness_at(width, height);
        harness.run();
        harness.get_by_label("Open sample workshop").click();
        harness.run();
        for theme in ["Light", "Dark", "Projector"] {
            harness.get_by_label("View").click();
            harness.run();
            harness.get_by_label(&format!("{theme} theme")).click();
            harness.run();
            assert_eq!(harness.state().state.settings().theme.label(), theme);
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
    assert!((harness.state().state.settings().zoom - 1.1).abs() < 1e-4);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run();
    assert!((harness.state().state.settings().zoom - 1.0).abs() < 1e-4);
    press(&mut harness, Key::F11);
    assert!(harness.state().state.fullscreen());
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
    assert_eq!(harness.state().state.screen(), Screen::Start);
}

#[test]
fn gaps_and_next_steps_become_actions_that_can_be_edited_moved_and_undone() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    click(&mut harness, "Roadmap");
    let before = harness.state().state.workshop().unwrap().actions.len();
    // The first gap of the first model that has no action yet.
    harness.get_all_by_label("Make action").next().unwrap().scroll_to_me();
    harness.run();
    harness.get_all_by_label("Make action").next().unwrap().click();
    harness.run();
    let workshop = harness.state().state.workshop().unwrap();
    assert_eq!(workshop.actions.len(), before + 1);
    let added = workshop.actions.last().unwrap().clone();
    assert_eq!(added.model_id.as_deref(), Some("deployment-maturity-model"));
    assert_eq!(added.indicator_ids.len(), 1, "a gap's action addresses its indicator");

    // Edit the new action (the last Now action): its owner and horizon.
    let new_index = before;
    harness.state_mut().state.execute(super::Command::EditAction(Some(new_index)));
    harness.run();
    let owner = harness.get_by_label("Owner");
    owner.focus();
    owner.type_text("Kwame");
    harness.run();
    // The editor's horizon choice comes before the Later group's heading.
    harness.get_all_by_label("Later").next().unwrap().click();
    harness.run();
    let action = &harness.state().state.workshop().unwrap().actions[new_index];
    assert_eq!(action.owner, "Kwame");
    assert_eq!(action.horizon, crate::workshop::Horizon::Later);

    // Free actions too.
    press(&mut harness, Key::Escape);
    click(&mut harness, "Add action");
    assert_eq!(harness.state().state.workshop().unwrap().actions.len(), before + 2);

    // Undo everything back to the sample's actions.
    for _ in 0..4 {
        harness.state_mut().state.execute(super::Command::Undo);
    }
    harness.run();
    assert_eq!(harness.state().state.workshop().unwrap().actions.len(), before);
}

#[test]
fn an_idle_app_does_not_repaint() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    // Settled: one more pass finds nothing to do and asks for no repaint.
    assert_eq!(harness.run(), 1);
    assert!(!harness.ctx.has_requested_repaint());
}

/// kittest fails on any character drawn as an empty box, so typing notes in
/// every script and showing them on the walk-through and the summary
/// proves each has a font. Scripts this machine has no font for are skipped
/// and named (CI installs fonts-noto-cjk and fonts-noto-core).
#[test]
fn notes_in_every_script_show_in_the_app_without_boxes() {
    use crate::fonts::Script;
    use crate::pdf::fonts::{Weight, fonts};
    let notes = [
        (Script::Cjk, "中文：团队希望自动回滚。"),
        (Script::Cjk, "日本語：リリース前に確認します。"),
        (Script::Cjk, "한국어: 배포할 때마다 확인합니다."),
        (Script::Arabic, "العربية: يريد الفريق التراجع التلقائي."),
        (Script::Hebrew, "עברית: הצוות רוצה חזרה אוטומטית."),
        (Script::Devanagari, "हिन्दी: टीम स्वचालित रोलबैक चाहती है।"),
        (Script::Symbols, "Emoji: 🚀 ✅ 🔥 👍 🐛"),
    ];
    let pdf_fonts = fonts().unwrap();
    let drawable: Vec<&str> = notes
        .iter()
        .filter(|(script, note)| {
            let probe = note.chars().next().unwrap_or(' ').to_string();
            let found = pdf_fonts.face_for(Weight::Regular, *script, &probe).is_some();
            if !found {
                eprintln!("skipped: no font on this machine for {note}");
            }
            found
        })
        .map(|(_, note)| *note)
        .collect();
    let mut harness = harness();
    super::fonts::load_now(&harness.ctx);
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    press(&mut harness, Key::ArrowRight);
    press(&mut harness, Key::N);
    let text = drawable.join("\n");
    harness.get_all_by_label("Note").find(|note| note.is_focused()).unwrap().type_text(&text);
    harness.run();
    press(&mut harness, Key::Escape);
    click(&mut harness, "Summary");
    let workshop = harness.state().state.workshop().unwrap();
    assert!(workshop.assessments[0].indicator_notes.values().any(|note| note == &text));
    for note in drawable {
        harness.get_by_label_contains(note.split(' ').next().unwrap_or(note));
    }
}

#[test]
fn ctrl_z_in_a_note_is_the_note_s_own_undo() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    // The second indicator: the first carries the sample's long note.
    press(&mut harness, Key::ArrowRight);
    press(&mut harness, Key::Num2);
    let id = super::walkthrough::focused_indicator_id(&harness.state().state).unwrap();
    press(&mut harness, Key::N);
    harness.get_all_by_label("Note").find(|note| note.is_focused()).unwrap().type_text("abc");
    harness.run();
    assert_eq!(assessment(&harness, 0).indicator_notes.get(&id).map(String::as_str), Some("abc"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    // The text field undid the typing; the answer given before is untouched.
    assert_eq!(assessment(&harness, 0).indicator_notes.get(&id), None);
    assert_eq!(assessment(&harness, 0).answer(&id), Some(Answer::Partly));
}

#[test]
fn the_action_editor_follows_its_action_and_navigation_survives_undo() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    let state = &mut harness.state_mut().state;
    state.execute(super::Command::Show(Screen::Roadmap));
    state.execute(super::Command::EditAction(Some(0)));
    state.execute(super::Command::Edit(crate::workshop::Edit::MoveAction { from: 0, to: 1 }));
    assert_eq!(state.nav().editing_action, Some(1));
    state.execute(super::Command::Undo);
    assert_eq!(state.nav().editing_action, None);
}

#[test]
fn workshop_details_can_be_corrected_on_the_summary() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    click(&mut harness, "Summary");
    click(&mut harness, "Edit workshop details");
    let field = harness.get_by_label("Participants");
    field.focus();
    harness.key_press(Key::End);
    harness.get_by_label("Participants").type_text(", Lin Wei");
    harness.run();
    let participants = &harness.state().state.workshop().unwrap().details.participants;
    assert_eq!(participants.last().map(String::as_str), Some("Lin Wei"));
    assert_eq!(participants.len(), 6);
}

/// A half-typed date never reaches the workshop: the file would be refused
/// when read (issue 10). It stays in the field, with a hint, until it is one.
#[test]
fn only_a_real_due_date_is_stored() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    harness.state_mut().state.execute(super::Command::Show(Screen::Roadmap));
    harness.state_mut().state.execute(super::Command::EditAction(Some(0)));
    harness.run();
    let before = harness.state().state.workshop().unwrap().actions[0].due.clone();
    harness.get_by_label("Due").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Due").type_text("2026-1");
    harness.run();
    assert_eq!(harness.state().state.workshop().unwrap().actions[0].due, before, "not a date yet");
    harness.get_by_label("Write the due date as YYYY-MM-DD; it is kept once it is one.");
    assert_eq!(harness.get_by_label("Due").value().as_deref(), Some("2026-1"), "kept as typed");
    harness.get_by_label("Due").type_text("2-01");
    harness.run();
    let due = harness.state().state.workshop().unwrap().actions[0].due.clone();
    assert_eq!(due.as_deref(), Some("2026-12-01"));
    assert!(harness.query_by_label("Write the due date as YYYY-MM-DD; it is kept once it is one.").is_none());
}
