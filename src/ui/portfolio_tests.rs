//! The Portfolio screen driven by labels and clicks, accessibility check on.

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::{Screen, WorkshopApp};
use crate::workshop::file::workshop_to_ron;
use crate::workshop::sample::generated_portfolio;

fn harness_at(width: f32, height: f32) -> Harness<'static, WorkshopApp> {
    let data_dir = tempfile::tempdir().unwrap().keep();
    Harness::builder()
        .with_size(egui::vec2(width, height))
        .build_ui_state(|ui, app: &mut WorkshopApp| app.frame_ui(ui), WorkshopApp::headless(data_dir))
}

/// `count` workshops of `teams` teams in subfolders, plus a broken file.
fn write_portfolio(dir: &Path, count: usize, teams: usize) {
    for (file, workshop) in generated_portfolio(count, teams) {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, workshop_to_ron(&workshop).unwrap()).unwrap();
    }
    std::fs::write(dir.join("broken.workshop.ron"), "(format_version: 2, details: (team: 5))").unwrap();
}

fn open_folder(harness: &mut Harness<'_, WorkshopApp>, folder: &Path) {
    click(harness, "Open portfolio folder…");
    harness.get_by_label("Folder").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Folder").type_text(&folder.display().to_string());
    harness.key_press(Key::Enter);
    harness.run();
    click(harness, "Open this folder");
    harness.run();
}

#[test]
fn a_coach_opens_a_folder_filters_and_opens_a_teams_workshop() {
    let dir = tempfile::tempdir().unwrap();
    write_portfolio(dir.path(), 60, 30);
    let mut harness = harness_at(1920.0, 1080.0);
    harness.run();
    open_folder(&mut harness, dir.path());
    let state = &harness.state().state;
    assert_eq!(state.screen(), Screen::Portfolio);
    let portfolio = state.portfolio().unwrap();
    assert_eq!(portfolio.view.teams.len(), 30);
    assert_eq!(portfolio.data.workshops.len(), 60);
    assert_eq!(portfolio.data.skipped.len(), 1);
    harness.get_by_label("1 files skipped");
    // Remembered among the recent items.
    assert_eq!(harness.state().files.recent_portfolios.len(), 1);

    // The second team's trend.
    let second = portfolio.view.teams[1].name.clone();
    harness.get_by_role_and_label(egui::Role::Button, &second).hover();
    harness.run();
    harness.get_by_role_and_label(egui::Role::Button, &second).click();
    harness.run();
    assert_eq!(harness.state().state.portfolio().unwrap().team, 1);

    // Filter by model.
    let model = harness.state().state.portfolio().unwrap().view.models[1].clone();
    click(&mut harness, "Model");
    // The popup's entry is the only button of that name (the plot's legend
    // has a checkbox of it).
    harness.get_by_role_and_label(egui::Role::Button, &model.title).hover();
    harness.run();
    harness.get_by_role_and_label(egui::Role::Button, &model.title).click();
    harness.run();
    let portfolio = harness.state().state.portfolio().unwrap();
    assert_eq!(portfolio.filter.model.as_deref(), Some(model.id.as_str()));
    assert_eq!(portfolio.view.models.len(), 1);
    assert_eq!(portfolio.team, 1, "the selected team stays selected");

    // A date range: only the 2024 round.
    harness.get_by_label("To").focus();
    harness.get_by_label("To").type_text("2024-12-31");
    harness.run();
    let portfolio = harness.state().state.portfolio().unwrap();
    assert_eq!(portfolio.filter.to.as_deref(), Some("2024-12-31"));
    assert!(
        portfolio.data.workshops.iter().filter(|w| w.date.as_str() <= "2024-12-31").count()
            >= portfolio.view.workshops
    );
    assert_eq!(portfolio.view.workshops, 60, "every generated workshop is from 2024");
    harness.get_by_label("To").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("To").type_text("2024-05-31");
    harness.run();
    let portfolio = harness.state().state.portfolio().unwrap();
    assert!(portfolio.view.workshops < 60 && portfolio.view.workshops > 0, "{}", portfolio.view.workshops);
    let shown = portfolio.view.workshops;
    press_escape(&mut harness);

    // Click the first team's cell: its latest workshop opens.
    let portfolio = harness.state().state.portfolio().unwrap();
    let cell = portfolio.view.cell(0, 0).unwrap().clone();
    let team = portfolio.view.teams[0].name.clone();
    let path = portfolio.data.workshops[cell.workshop].path.clone();
    let label = super::portfolio::cell_label(&team, &portfolio.view.models[0], &cell);
    harness.get_by_role_and_label(egui::Role::Button, &label).scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(egui::Role::Button, &label).hover();
    harness.run();
    harness.get_by_role_and_label(egui::Role::Button, &label).click();
    harness.run();
    let state = &harness.state().state;
    assert_eq!(state.screen(), Screen::Walkthrough);
    assert_eq!(state.workshop().unwrap().details.team, team);
    assert_eq!(state.session().unwrap().path(), Some(path.as_path()));
    // And back, filter kept.
    click(&mut harness, "Portfolio");
    let state = &harness.state().state;
    assert_eq!(state.screen(), Screen::Portfolio);
    assert_eq!(state.portfolio().unwrap().view.workshops, shown);
}

/// Scrolls a control into view and points at it, as a person would, then clicks it.
fn click(harness: &mut Harness<'_, WorkshopApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).hover();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

fn press_escape(harness: &mut Harness<'_, WorkshopApp>) {
    harness.key_press(Key::Escape);
    harness.run();
}

#[test]
fn the_portfolio_screen_has_no_unlabelled_controls_in_any_theme_or_size() {
    let dir = tempfile::tempdir().unwrap();
    write_portfolio(dir.path(), 30, 30);
    for (width, height) in [(1920.0, 1080.0), (1280.0, 720.0)] {
        let mut harness = harness_at(width, height);
        harness.run();
        open_folder(&mut harness, dir.path());
        assert_eq!(harness.state().state.screen(), Screen::Portfolio);
        for theme in ["Light", "Dark", "Projector"] {
            click(&mut harness, "View");
            click(&mut harness, &format!("{theme} theme"));
            assert_eq!(harness.state().state.settings().theme.label(), theme);
        }
    }
}

#[test]
fn reading_runs_on_a_worker_and_the_screen_shows_progress() {
    let dir = tempfile::tempdir().unwrap();
    write_portfolio(dir.path(), 8, 4);
    let mut harness = harness_at(1280.0, 720.0);
    harness.run();
    let progress = std::sync::Arc::new(crate::storage::ReadProgress::default());
    // A read under way, as the worker sees it halfway.
    harness.state_mut().files.portfolio_read = Some((7, progress.clone()));
    harness.state_mut().state.execute(super::Command::Show(Screen::Portfolio));
    harness.run();
    harness.get_by_label("Looking for workshop files…");
    click(&mut harness, "Stop reading");
    assert!(progress.is_cancelled());
}

#[test]
fn team_names_line_up_on_the_left_and_a_long_one_is_cut_with_its_whole_name_on_hover() {
    let dir = tempfile::tempdir().unwrap();
    let long = "Enterprise Identity, Access Management and Single Sign-On Platform Engineering";
    for (file, mut workshop) in generated_portfolio(6, 3) {
        if file.starts_with("team-001") {
            workshop.details.team = long.to_owned();
        }
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, workshop_to_ron(&workshop).unwrap()).unwrap();
    }
    for (width, height) in [(1920.0, 1080.0), (1280.0, 720.0)] {
        let mut harness = harness_at(width, height);
        harness.run();
        open_folder(&mut harness, dir.path());
        let view = &harness.state().state.portfolio().unwrap().view;
        let teams: Vec<String> = view.teams.iter().map(|t| t.name.clone()).collect();
        let first_model = view.models[0].title.clone();
        assert!(teams.iter().any(|name| name == long), "{teams:?}");
        // Every name fills the same first column, whatever its length: the
        // long one does not push into the cells.
        let rects: Vec<egui::Rect> =
            teams.iter().map(|name| harness.get_by_role_and_label(egui::Role::Button, name).rect()).collect();
        let first_cell = harness.get_by_label_contains(&format!("{}, {first_model}:", teams[0])).rect();
        for (name, rect) in teams.iter().zip(&rects) {
            assert!((rect.left() - rects[0].left()).abs() < 0.5, "{name}: {rect:?}");
            assert!((rect.width() - rects[0].width()).abs() < 0.5, "{name}: {rect:?}");
            assert!(rect.right() <= first_cell.left(), "{name} runs into the cells: {rect:?}");
        }
        harness.get_by_role_and_label(egui::Role::Button, long).hover();
        harness.run();
        harness.get_by_label_contains(&format!("{long}\n2 workshops"));
    }
}
