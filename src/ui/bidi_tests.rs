//! Right-to-left text as the app draws it: the words of an Arabic or
//! Hebrew line in reading order (the first word rightmost), right-to-left
//! paragraphs against the right edge, Latin text exactly as an ordinary
//! label draws it. Read from the shapes egui paints, with the app's fonts
//! and the accessibility check on (kittest's default).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use egui::epaint::{Shape, TextShape};
use egui::{Galley, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::WorkshopApp;
use super::bidi::{bidi_label, bidi_text};
use super::state::{Command, Screen};
use crate::workshop::{Action, Edit, Horizon};

/// Every text shape painted in the last frame.
fn texts(harness: &Harness<'_, impl Sized>) -> Vec<TextShape> {
    harness
        .output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            Shape::Text(text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// The painted galley that draws the characters of `word` (as typed or
/// turned by the shaper), and where.
fn shape_with(shapes: &[TextShape], word: &str) -> Option<(Pos2, Arc<Galley>)> {
    shapes
        .iter()
        .find(|shape| contains_chars(&shape.galley, word))
        .map(|shape| (shape.pos, shape.galley.clone()))
}

fn contains_chars(galley: &Galley, word: &str) -> bool {
    let text = galley.text();
    word.chars().all(|c| text.contains(c))
}

/// The left edge of `word` in the galley: the leftmost of its glyphs, a
/// run of them in typing order (left to right) or turned (right to left:
/// the shaper gives an Arabic or Hebrew word's glyphs from its end).
fn left_of(galley: &Galley, word: &str) -> f32 {
    let forward: Vec<char> = word.chars().collect();
    let turned: Vec<char> = word.chars().rev().collect();
    let mut best = f32::INFINITY;
    for row in &galley.rows {
        let drawn = drawn(&row.row.glyphs);
        let chars: Vec<char> = drawn.iter().map(|g| g.chr).collect();
        for (index, window) in chars.windows(forward.len()).enumerate() {
            if window == forward.as_slice() || window == turned.as_slice() {
                let glyphs = &drawn[index..index + forward.len()];
                best = best.min(glyphs.iter().map(|g| row.pos.x + g.pos.x).fold(f32::INFINITY, f32::min));
            }
        }
    }
    best
}

/// The glyphs that are drawn, left to right: egui 0.37 adds a zero-width
/// glyph for each character of a right-to-left run after the run's last
/// glyph (so that a row has a glyph per character), which are not.
fn drawn(glyphs: &[egui::epaint::text::Glyph]) -> Vec<egui::epaint::text::Glyph> {
    let mut drawn: Vec<_> = glyphs.iter().filter(|g| g.advance_width > 0.0).cloned().collect();
    drawn.sort_by(|a, b| a.pos.x.total_cmp(&b.pos.x));
    drawn
}

fn label_harness(text: &'static str, width: f32) -> Harness<'static> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(width, 200.0))
        .with_context_setup(super::fonts::install)
        .build_ui(move |ui| {
            bidi_label(ui, text);
        });
    harness.run();
    harness
}

#[test]
fn the_first_word_of_an_arabic_line_is_drawn_rightmost() {
    let harness = label_harness("مرحبا بالعالم", 600.0);
    // Screen readers are told the text as typed.
    harness.get_by_label("مرحبا بالعالم");
    let shapes = texts(&harness);
    let (pos, galley) = shape_with(&shapes, "مرحبا").expect("the label is painted");
    let first = left_of(&galley, "مرحبا");
    let second = left_of(&galley, "بالعالم");
    assert!(first.is_finite() && second.is_finite(), "both words are drawn: {:?}", galley.text());
    assert!(first > second, "مرحبا at {first} should be right of بالعالم at {second}");
    // A right-to-left paragraph lines up with the right edge of its column.
    let right = pos.x + galley.rows[0].pos.x + galley.rows[0].row.size.x;
    assert!(right > 600.0 - 20.0, "the line ends at {right} in a 600 px column");
}

#[test]
fn hebrew_reads_right_to_left_and_numbers_left_to_right() {
    let harness = label_harness("שלום עולם 2024", 600.0);
    let shapes = texts(&harness);
    let (_, galley) = shape_with(&shapes, "שלום").expect("the label is painted");
    let first = left_of(&galley, "שלום");
    let second = left_of(&galley, "עולם");
    let number = left_of(&galley, "2024");
    assert!(first > second && second > number, "{first} > {second} > {number}");
}

#[test]
fn an_arabic_phrase_in_a_latin_line_turns_in_place() {
    let text = "Release مرحبا بالعالم 2024 done";
    let harness = label_harness(text, 900.0);
    harness.get_by_label(text);
    let shapes = texts(&harness);
    let (pos, galley) = shape_with(&shapes, "Release").expect("the label is painted");
    let release = left_of(&galley, "Release");
    let first = left_of(&galley, "مرحبا");
    let second = left_of(&galley, "بالعالم");
    let done = left_of(&galley, "done");
    assert!(release < second && second < first && first < done, "{release} < {second} < {first} < {done}");
    // A left-to-right paragraph stays on the left.
    assert!(pos.x + galley.rows[0].pos.x < 20.0);
}

#[test]
fn punctuation_stays_beside_its_word() {
    // "By hand, wrote (text)": the comma follows يدويا, so it is drawn on
    // its left, and the brackets around a word read mirrored.
    let harness = label_harness("يدويا، كتب (نص)", 600.0);
    let shapes = texts(&harness);
    let (_, galley) = shape_with(&shapes, "يدويا").expect("the label is painted");
    let row = &galley.rows[0];
    let glyphs = drawn(&row.row.glyphs);
    let x_of = |c: char| glyphs.iter().find(|g| g.chr == c).map_or(f32::NAN, |g| row.pos.x + g.pos.x);
    let word = left_of(&galley, "يدويا");
    let example = left_of(&galley, "كتب");
    assert!(example < x_of('،') && x_of('،') < word, "{example} < {} < {word}", x_of('،'));
    // Typed "(نص)": read from the right, an opening bracket, the word, a
    // closing one; so the leftmost bracket drawn is ")" mirrored to "(".
    let brackets: String = glyphs.iter().filter(|g| "()".contains(g.chr)).map(|g| g.chr).collect();
    assert_eq!(brackets, "()");
    assert!(x_of('(') < left_of(&galley, "نص") && left_of(&galley, "نص") < x_of(')'));
}

#[test]
fn latin_text_is_an_ordinary_label() {
    let text = "Release train every Tuesday";
    let harness = label_harness(text, 600.0);
    let ordinary = Harness::builder().with_size(egui::vec2(600.0, 200.0)).build_ui(|ui| {
        ui.label(text);
    });
    let (ours, plain) = (texts(&harness), texts(&ordinary));
    assert_eq!(ours.len(), 1);
    assert_eq!(ours[0].pos, plain[0].pos);
    assert_eq!(ours[0].galley.job, plain[0].galley.job);
}

#[test]
fn a_long_right_to_left_note_wraps_and_keeps_every_character() {
    let text = "שלום עולם אחד שניים שלושה ארבעה חמישה שישה שבעה שמונה תשעה עשרה";
    let harness = label_harness(text, 200.0);
    let shapes = texts(&harness);
    let (_, galley) = shape_with(&shapes, "שלום").expect("the label is painted");
    assert!(galley.rows.len() > 1, "the note wraps in 200 px");
    let mut chars: Vec<char> = galley.text().chars().filter(|c| *c != '\n').collect();
    let mut typed: Vec<char> = text.chars().filter(|c| *c != ' ').collect();
    chars.retain(|c| *c != ' ');
    chars.sort_unstable();
    typed.sort_unstable();
    assert_eq!(chars, typed);
    // The first word starts the first line, at its right end: read from
    // the right, its letters come in typing order.
    let first_row = &galley.rows[0];
    let first_word: String =
        drawn(&first_row.row.glyphs).iter().rev().filter(|g| g.chr != ' ').take(4).map(|g| g.chr).collect();
    assert_eq!(first_word, "שלום");
}

/// A team named in Hebrew on a button (the portfolio's rows, the model
/// tabs) reads right to left too; Latin text on a button is left as it is.
#[test]
fn a_button_reads_right_to_left() {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(600.0, 200.0))
        .with_context_setup(super::fonts::install)
        .build_ui(|ui| {
            let _ = ui.button(bidi_text(ui, "שלום עולם"));
            let _ = ui.button(bidi_text(ui, "Checkout"));
        });
    harness.run();
    let shapes = texts(&harness);
    let (_, galley) = shape_with(&shapes, "שלום").expect("the button is painted");
    assert!(left_of(&galley, "שלום") > left_of(&galley, "עולם"));
    let (_, latin) = shape_with(&shapes, "Checkout").expect("the button is painted");
    assert_eq!(latin.text(), "Checkout");
    harness.get_by_label("Checkout");
}

type Shared = Rc<RefCell<WorkshopApp>>;

/// On the wall: the roadmap's actions and the walk-through's level, named
/// in Arabic and Hebrew, in reading order.
#[test]
fn the_wall_shows_arabic_and_hebrew_in_reading_order() {
    for (width, height) in [(1920.0, 1080.0), (1280.0, 720.0)] {
        let data_dir = tempfile::tempdir().unwrap().keep();
        let mut app = WorkshopApp::headless(data_dir);
        app.state.execute(Command::OpenSampleWorkshop);
        app.state.execute(Command::ToggleAudience);
        for title in ["مرحبا بالعالم", "שלום עולם"] {
            let action = Action { title: title.to_owned(), horizon: Horizon::Now, ..Action::default() };
            app.state.execute(Command::Edit(Edit::AddAction(action)));
        }
        app.state.execute(Command::Show(Screen::Roadmap));
        let app = Rc::new(RefCell::new(app));
        let mut wall = Harness::builder()
            .with_size(egui::vec2(width, height))
            .with_context_setup(super::fonts::install)
            .build_ui_state(|ui, app: &mut Shared| app.borrow_mut().audience_frame(ui), app.clone());
        wall.run();
        wall.get_by_label("مرحبا بالعالم");
        wall.get_by_label("שלום עולם");
        let shapes = texts(&wall);
        for (first, second) in [("مرحبا", "بالعالم"), ("שלום", "עולם")] {
            let (_, galley) = shape_with(&shapes, first).expect("the action is on the wall");
            let (a, b) = (left_of(&galley, first), left_of(&galley, second));
            assert!(a > b, "{first} at {a} should be right of {second} at {b} ({width}x{height})");
        }
    }
}

/// Mixed text in a narrow column, as in the presenter strip: every line
/// stays inside the column (egui 0.37's rows cannot say where right-to-left
/// lines break, so the label wraps them itself).
#[test]
fn mixed_text_in_a_narrow_column_stays_inside_it() {
    let text = "غير مدرك · 1 of 5: الإصدارات تتم يدويا، مثلا بنسخ الملفات و SQL مرتجل، في كل مكان.";
    let harness = label_harness(text, 250.0);
    let shapes = texts(&harness);
    let (pos, galley) = shape_with(&shapes, "مدرك").expect("the label is painted");
    assert!(galley.rows.len() >= 2, "{} rows", galley.rows.len());
    let column = harness.ctx.content_rect().shrink(8.0);
    for row in &galley.rows {
        let rect = row.rect().translate(pos.to_vec2());
        assert!(
            rect.left() >= column.left() - 0.5 && rect.right() <= column.right() + 0.5,
            "{rect:?} in {column:?}"
        );
        // Right-to-left paragraph: every line ends at the right edge.
        assert!(rect.right() > column.right() - 12.0, "{rect:?} is not against the right edge");
    }
}

/// A level's note in Hebrew, as the presenter strip and the summary show
/// it while presenting: the first word on the right of the second.
#[test]
fn a_hebrew_level_note_reads_right_to_left_in_the_presenter_strip() {
    let data_dir = tempfile::tempdir().unwrap().keep();
    let mut app = WorkshopApp::headless(data_dir);
    app.state.execute(Command::OpenSampleWorkshop);
    let level_id = app.state.workshop().unwrap().assessments[0].model.levels[0].id.clone();
    let note = "שלום עולם: רוב הרמה הזאת קיימת";
    app.state.execute(Command::Edit(Edit::SetLevelNote { model: 0, level_id, text: note.to_owned() }));
    app.state.execute(Command::SelectModel(0));
    app.state.execute(Command::SelectLevel(0));
    let mut window = Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .with_context_setup(super::fonts::install)
        .build_ui_state(|ui, app: &mut WorkshopApp| app.frame_ui(ui), app);
    window.run();
    window.get_by_label_contains(note);
    // The strip is at the bottom; the note's field above stays in typing
    // order (egui edits text left to right).
    let strip: Vec<TextShape> =
        texts(&window).into_iter().filter(|shape| shape.pos.y > 720.0 * 0.6).collect();
    let (_, galley) = shape_with(&strip, "שלום").expect("the note is in the strip");
    assert!(left_of(&galley, "שלום") > left_of(&galley, "עולם"));
}
