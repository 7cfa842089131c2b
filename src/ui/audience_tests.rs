//! The audience window in a harness of its own, beside the presenter
//! window's, both on one app: what the wall shows on every screen and at
//! every step of a workshop run by keyboard alone, and keys pressed in the
//! audience window acting on the presenter's state. The accessibility
//! check is on in both harnesses (kittest's default).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};

use super::WorkshopApp;
use super::state::{Command, Screen};
use crate::workshop::clock::ManualClock;
use crate::workshop::{Answer, Horizon};

type Shared = Rc<RefCell<WorkshopApp>>;

struct Room {
    app: Shared,
    presenter: Harness<'static, Shared>,
    audience: Harness<'static, Shared>,
    clock: Arc<ManualClock>,
}

impl Room {
    fn new(width: f32, height: f32) -> Self {
        let data_dir = tempfile::tempdir().unwrap().keep();
        let mut app = WorkshopApp::headless(data_dir);
        let clock = Arc::new(ManualClock::default());
        app.state.set_clock(clock.clone());
        app.state.execute(Command::ToggleAudience);
        let app = Rc::new(RefCell::new(app));
        let presenter = Harness::builder()
            .with_size(egui::vec2(1920.0, 1080.0))
            .build_ui_state(|ui, app: &mut Shared| app.borrow_mut().frame_ui(ui), app.clone());
        let audience = Harness::builder()
            .with_size(egui::vec2(width, height))
            .build_ui_state(|ui, app: &mut Shared| app.borrow_mut().audience_frame(ui), app.clone());
        // In the app both windows share one context and its fonts.
        super::fonts::install(&audience.ctx);
        let mut room = Self { app, presenter, audience, clock };
        room.run();
        room
    }

    fn run(&mut self) {
        self.presenter.run();
        self.audience.run();
    }

    fn execute(&mut self, command: Command) {
        self.app.borrow_mut().state.execute(command);
        self.run();
    }

    /// A key pressed in the presenter window.
    fn press(&mut self, key: Key) {
        self.presenter.key_press(key);
        self.run();
    }

    /// A key pressed in the audience window (where a clicker's focus may be).
    fn press_on_wall(&mut self, key: Key) {
        self.audience.key_press(key);
        self.run();
    }

    fn screen(&self) -> Screen {
        self.app.borrow().state.screen()
    }

    /// The wall has no controls: no buttons, no text fields, no menus.
    fn assert_wall_has_no_controls(&self) {
        for node in self.audience.root().children_recursive() {
            let role = node.accesskit_node().role();
            assert!(
                !egui::accessibility::is_input(role) && role != egui::accesskit::Role::Button,
                "the wall has a {role:?}: {:?}",
                node.accesskit_node().label()
            );
        }
    }

    fn focused_statement(&self) -> String {
        let app = self.app.borrow();
        let state = &app.state;
        let assessment = &state.workshop().unwrap().assessments[state.nav().model];
        assessment.model.levels[state.nav().level].indicators[state.nav().indicator].statement.clone()
    }
}

fn open_sample(room: &mut Room) {
    room.execute(Command::OpenSampleWorkshop);
}

#[test]
fn the_wall_shows_each_screen_large_and_without_controls() {
    for (width, height) in [(1920.0, 1080.0), (1280.0, 720.0)] {
        let mut room = Room::new(width, height);
        room.audience.get_by_label("The workshop starts soon.");
        room.assert_wall_has_no_controls();
        open_sample(&mut room);

        // The walk-through: model, level, statement, guidance, answer, ladder.
        let statement = room.focused_statement();
        let node = room.audience.get_by_label(&statement);
        let height_px = node.accesskit_node().raw_bounds().map_or(0.0, |b| b.height());
        assert!(height_px >= 40.0, "the statement is {height_px} px tall");
        room.audience.get_by_label("Level 1 of 5 · Unaware");
        room.audience.get_by_label("Answer: Yes");
        room.audience.get_by_label("Current");
        room.audience.get_by_label("Target");
        room.assert_wall_has_no_controls();

        // The model of the busiest level, its level with most indicators:
        // long statements wrap and still fit.
        let (model, level) = room.app.borrow().state.workshop().unwrap().busiest_level().unwrap();
        room.execute(Command::SelectModel(model));
        room.execute(Command::SelectLevel(level));
        let statement = room.focused_statement();
        let rect = room.audience.get_by_label(&statement).rect();
        assert!(rect.right() <= width && rect.bottom() <= height, "{rect:?} runs off {width}x{height}");

        room.execute(Command::Show(Screen::Summary));
        room.audience.get_by_label("Summary · Payments Platform");
        let workshop = room.app.borrow().state.workshop().unwrap().clone();
        for assessment in &workshop.assessments {
            let shown = room.audience.get_by_label_contains(&format!("{} · ", assessment.model.title)).rect();
            assert!(shown.bottom() <= height, "{} runs off the wall", assessment.model.title);
            let target = assessment.target_level().map(|t| assessment.model.levels[t].name.clone()).unwrap();
            room.audience.get_all_by_label(&target).next().unwrap();
        }
        room.assert_wall_has_no_controls();

        room.execute(Command::Show(Screen::Roadmap));
        room.audience.get_by_label("Roadmap · Payments Platform");
        for horizon in Horizon::ALL {
            room.audience.get_by_label(horizon.label());
        }
        for action in &workshop.actions {
            let found = room.audience.get_by_label(&action.title).rect();
            assert!(found.bottom() <= height, "{} runs off the wall", action.title);
        }
        room.assert_wall_has_no_controls();

        room.execute(Command::Show(Screen::Start));
        room.audience.get_by_label("Maturity workshop · Payments Platform");

        // B blanks it; B again brings it back.
        room.press(Key::B);
        assert!(room.audience.query_by_label("Maturity workshop · Payments Platform").is_none());
        room.press_on_wall(Key::B);
        room.audience.get_by_label("Maturity workshop · Payments Platform");
    }
}

#[test]
fn the_wall_uses_the_projector_theme_and_its_own_zoom() {
    let mut room = Room::new(1920.0, 1080.0);
    open_sample(&mut room);
    room.presenter.get_by_label("View").click();
    room.run();
    room.presenter.get_by_label("Dark theme").click();
    room.run();
    let statement = room.focused_statement();
    let before = room.audience.get_by_label(&statement).rect().height();
    // Zoom keys in the audience window zoom it, not the laptop's.
    room.audience.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    room.run();
    let app = room.app.borrow();
    assert!((app.state.settings().audience_zoom - 1.1).abs() < 1e-4);
    assert!((app.state.settings().zoom - 1.0).abs() < 1e-4);
    drop(app);
    let after = room.audience.get_by_label(&statement).rect().height();
    assert!(after > before, "zoomed, the statement grows: {before} -> {after}");
    // F11 there makes the audience window full screen, not the presenter's.
    room.press_on_wall(Key::F11);
    let app = room.app.borrow();
    assert!(app.state.settings().audience_window.fullscreen);
    assert!(!app.state.fullscreen());
    drop(app);
    // The wall stays light whatever the laptop's theme: its style is the
    // projector's, built on the dark one the laptop uses.
    let laptop = room.presenter.ctx.global_style();
    assert!(laptop.visuals.dark_mode, "the laptop is dark");
    let wall = super::theme::wall_style(&laptop, 1.0);
    assert!(!wall.visuals.dark_mode);
    assert_eq!(wall.visuals.panel_fill, egui::Color32::WHITE);
    assert_eq!(wall.visuals.override_text_color, Some(egui::Color32::BLACK));
}

#[test]
fn keys_pressed_in_the_audience_window_reach_the_presenter() {
    let mut room = Room::new(1920.0, 1080.0);
    open_sample(&mut room);
    let first = room.focused_statement();
    room.press_on_wall(Key::PageDown);
    room.press_on_wall(Key::PageDown);
    assert_eq!(room.app.borrow().state.nav().indicator, 2);
    let third = room.focused_statement();
    assert_ne!(first, third);
    room.audience.get_by_label(&third);
    let app = room.app.borrow();
    let id = app.state.workshop().unwrap().assessments[0].model.levels[0].indicators[2].id.clone();
    let before = app.state.workshop().unwrap().assessments[0].answer(&id);
    assert_ne!(before, Some(Answer::No));
    drop(app);
    room.press_on_wall(Key::Num3);
    let app = room.app.borrow();
    assert_eq!(app.state.workshop().unwrap().assessments[0].answer(&id), Some(Answer::No));
    drop(app);
    // The presenter window shows it: the strip names what the wall shows
    // (its start: the strip keeps to two lines).
    let start: String = third.chars().take(40).collect();
    let count = room.app.borrow().state.workshop().unwrap().assessments[0].model.levels[0].indicators.len();
    room.presenter.get_by_label_contains(&format!("3 of {count}: {start}"));
    // And undo from the wall undoes in the presenter's history.
    room.audience.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    room.run();
    assert_eq!(room.app.borrow().state.workshop().unwrap().assessments[0].answer(&id), before);
    // Closing the audience window leaves the app open.
    room.press_on_wall(Key::F6);
    assert!(!room.app.borrow().state.audience_open());
    assert!(room.app.borrow().state.session().is_some());
}

/// Tabs until the widget named `label` has the keyboard focus.
fn tab_to(room: &mut Room, label: &str) {
    for _ in 0..60 {
        if room.presenter.query_by_label(label).is_some_and(|node| node.is_focused()) {
            return;
        }
        room.press(Key::Tab);
    }
    panic!("Tab never reached {label}");
}

#[test]
fn a_workshop_runs_from_start_to_roadmap_by_keyboard_alone() {
    let mut room = Room::new(1920.0, 1080.0);
    let titles: Vec<String> = ["deployment-levels", "deployment-maturity-model"]
        .iter()
        .map(|id| room.app.borrow().state.library().find(id).unwrap().model.title.clone())
        .collect();

    // The start form, by Tab, typing and Space; Ctrl+Enter starts.
    tab_to(&mut room, "Team");
    room.presenter.get_by_label("Team").type_text("Checkout");
    room.run();
    tab_to(&mut room, "Length");
    room.presenter.get_by_label("Length").type_text("1:30");
    room.run();
    for title in &titles {
        tab_to(&mut room, title);
        room.press(Key::Space);
    }
    room.presenter.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    room.run();
    assert_eq!(room.screen(), Screen::Walkthrough);
    let workshop = room.app.borrow().state.workshop().unwrap().clone();
    assert_eq!(workshop.timebox.planned_minutes, Some(90));
    let picked: Vec<&str> = workshop.assessments.iter().map(|a| a.model.title.as_str()).collect();
    assert_eq!(picked.len(), 2);

    // Every indicator of every level of both models, answered by digit and
    // stepped with PageDown, alternately in each window like a clicker.
    let total: usize = workshop.assessments.iter().map(|a| a.model.indicator_count()).sum();
    for step in 0..total {
        let statement = room.focused_statement();
        room.audience.get_by_label(&statement);
        room.assert_wall_has_no_controls();
        let answer = [Key::Num1, Key::Num2, Key::Num1, Key::Num4][step % 4];
        if step % 2 == 0 {
            room.press(answer);
            room.press(Key::PageDown);
        } else {
            room.press_on_wall(answer);
            room.press_on_wall(Key::PageDown);
        }
    }
    assert_eq!(room.screen(), Screen::Summary, "after the last model's last indicator");
    let workshop = room.app.borrow().state.workshop().unwrap().clone();
    for assessment in &workshop.assessments {
        assert_eq!(
            assessment.answers.len(),
            assessment.model.indicator_count(),
            "{}",
            assessment.model.title
        );
    }

    // Back to the second model's second level: make it the target, place
    // the team there, accept the suggestion again, all by keys.
    room.press(Key::PageUp);
    assert_eq!(room.screen(), Screen::Walkthrough);
    room.presenter.key_press_modifiers(Modifiers::ALT, Key::Num2);
    room.run();
    room.presenter.key_press_modifiers(Modifiers::CTRL, Key::PageDown);
    room.run();
    room.press(Key::T);
    let level_id = workshop.assessments[1].model.levels[1].id.clone();
    assert_eq!(
        room.app.borrow().state.workshop().unwrap().assessments[1].target_level.as_deref(),
        Some(level_id.as_str())
    );
    room.audience.get_by_label("Target");
    room.press_on_wall(Key::C);
    let placed = room.app.borrow().state.workshop().unwrap().assessments[1].current_override.clone();
    let suggested = room.app.borrow().state.workshop().unwrap().assessments[1].suggested_level();
    if suggested == 1 {
        assert_eq!(placed, None, "on the suggested level, C accepts it");
    } else {
        assert_eq!(placed.map(|o| o.level_id), Some(level_id));
        room.press(Key::A);
        assert_eq!(room.app.borrow().state.workshop().unwrap().assessments[1].current_override, None);
    }

    // Straight to the summary, then on to the roadmap with the clicker.
    room.presenter.key_press_modifiers(Modifiers::ALT, Key::S);
    room.run();
    room.audience.get_by_label("Summary · Checkout");
    room.press_on_wall(Key::PageDown);
    assert_eq!(room.screen(), Screen::Roadmap);
    room.audience.get_by_label("Roadmap · Checkout");
    room.press(Key::PageDown);
    assert_eq!(room.screen(), Screen::Roadmap, "the roadmap is the end");
    room.press(Key::PageUp);
    assert_eq!(room.screen(), Screen::Summary);
    room.presenter.key_press_modifiers(Modifiers::ALT, Key::Home);
    room.run();
    assert_eq!(room.screen(), Screen::Start);
    room.audience.get_by_label("Maturity workshop · Checkout");
    room.press(Key::PageDown);
    assert_eq!(room.screen(), Screen::Walkthrough, "PageDown on the start screen resumes");

    // F1 shows every key; Esc closes it.
    room.press(Key::F1);
    room.presenter.get_by_label("Keys");
    room.presenter.get_by_label("start or pause the time-box clock");
    room.press(Key::Escape);
    assert!(!room.app.borrow().state.help_open());
}

#[test]
fn the_time_box_counts_per_level_turns_amber_then_red_and_is_saved() {
    let mut room = Room::new(1920.0, 1080.0);
    {
        let mut app = room.app.borrow_mut();
        app.state.start.team = "Ops".into();
        app.state.start.picked = vec!["deployment-levels".into(), "deployment-maturity-model".into()];
        app.state.start.time = "45".into();
    }
    room.execute(Command::CreateWorkshop);
    assert_eq!(room.app.borrow().state.workshop().unwrap().timebox.planned_minutes, Some(45));
    room.execute(Command::Edit(crate::workshop::Edit::SetPlannedTime(Some(60))));
    let share = room.app.borrow().state.time_status().unwrap().share.unwrap();
    room.press(Key::P);
    assert!(room.app.borrow().state.timer().is_running());
    room.clock.advance(Duration::from_secs(share * 85 / 100));
    room.run();
    let status = room.app.borrow().state.time_status().unwrap();
    assert_eq!(status.pace(), Some(crate::workshop::Pace::NearlyOver));
    room.presenter.get_by_label_contains("left on this level");
    room.audience.get_by_label_contains("left on this level");
    room.clock.advance(Duration::from_secs(share));
    room.run();
    room.audience.get_by_label_contains("over on this level");
    assert_eq!(room.app.borrow().state.time_status().unwrap().pace(), Some(crate::workshop::Pace::Over));

    // Moving on hands the seconds to the level they were spent on.
    let spent = share * 85 / 100 + share;
    room.press(Key::Num1);
    room.presenter.key_press_modifiers(Modifiers::CTRL, Key::PageDown);
    room.run();
    let app = room.app.borrow();
    let workshop = app.state.workshop().unwrap();
    let first = &workshop.assessments[0].model;
    assert_eq!(workshop.timebox.spent_on(&first.id, &first.levels[0].id), spent);
    drop(app);
    // Paused, nothing more is counted.
    room.press_on_wall(Key::P);
    room.clock.advance(Duration::from_secs(600));
    room.run();
    let app = room.app.borrow();
    assert_eq!(app.state.workshop().unwrap().timebox.total_spent(), spent);
    assert!(app.state.session().as_ref().unwrap().is_dirty(), "time spent is a change to save");
}

#[test]
fn the_audience_window_opens_where_it_was_and_full_screen_does_not_move_it() {
    use super::state::{AppState, Settings};
    let mut state = AppState::new(Settings::default(), super::ModelLibrary::bundled());
    let opened = super::audience::builder(&state.settings().audience_window);
    assert_eq!(opened.inner_size, Some(egui::vec2(1280.0, 720.0)));
    assert_eq!(opened.position, None);
    state.execute(Command::RememberAudienceWindow {
        position: Some([1930.0, 20.0]),
        size: Some([1600.0, 900.0]),
        fullscreen: false,
    });
    // Full screen on the projector: the window it came from is kept.
    state.execute(Command::RememberAudienceWindow {
        position: Some([1920.0, 0.0]),
        size: Some([1920.0, 1080.0]),
        fullscreen: true,
    });
    let window = state.settings().audience_window;
    assert_eq!(
        (window.position, window.size, window.fullscreen),
        (Some([1930.0, 20.0]), Some([1600.0, 900.0]), true)
    );
    let reopened = super::audience::builder(&window);
    assert_eq!(reopened.position, Some(egui::pos2(1930.0, 20.0)));
    assert_eq!(reopened.inner_size, Some(egui::vec2(1600.0, 900.0)));
    assert_eq!(reopened.fullscreen, Some(true));
    // Saved with the other settings, read back the same.
    let text = ron::to_string(&state.settings()).unwrap();
    let back: Settings = ron::from_str(&text).unwrap();
    assert_eq!(back.audience_window, window);
    // Settings saved by the previous version (no audience fields) still load.
    let old: Settings = ron::from_str("(theme: Dark, zoom: 1.2, paper: Letter)").unwrap();
    assert_eq!(old.audience_window, Default::default());
    assert!((old.audience_zoom - 1.0).abs() < 1e-6 && old.presenter_strip);
}

#[test]
fn the_wall_shows_a_source_the_facilitator_opened() {
    let mut room = Room::new(1280.0, 720.0);
    open_sample(&mut room);
    let (model, indicator) = {
        let app = room.app.borrow();
        let state = &app.state;
        let assessment = &state.workshop().unwrap().assessments[state.nav().model];
        let model = assessment.model.clone();
        let indicator = model.levels[state.nav().level].indicators[state.nav().indicator].clone();
        (model, indicator)
    };
    let quote = format!("\u{201C}{}\u{201D}", indicator.source.as_deref().unwrap());
    assert!(room.audience.query_by_label(&quote).is_none(), "closed until asked for");
    // In the app the two windows share one context; the harnesses do not,
    // so the presenter's toggle is mirrored by hand.
    super::source_quote::set_source_open(&room.audience.ctx, &model, &indicator, true);
    room.run();
    room.audience.get_by_label(&quote);
    room.assert_wall_has_no_controls();
}
