//! The vector graphics: the summary chart of current against target level,
//! the key facts of a model, its level ladder with the answers at a glance,
//! and the legends. Each returns a block that stays on one page.

use super::flow::Block;
use super::fonts::{Fonts, Weight};
use super::layout::{Item, baseline_offset, label_width};
use super::style::{
    ACCENT, ACCENT_TINT, ACCENT_WASH, BODY_BOLD, INK, MUTED, RULE, Rgb, SMALL, SMALL_BOLD, TINY, TRACK,
    TextStyle, WHITE, answer_colour,
};
use crate::roadmap::wording::{ANSWER_STATES, answer_name, level_label, movement};
use crate::roadmap::{AnswerCounts, ModelRoadmap};

/// A small label on a coloured band, `width` wide and 11 points tall.
pub fn pill(fonts: &Fonts, x: f32, y: f32, width: f32, label: &str, fill: Rgb, text: Rgb) -> Vec<Item> {
    pill_with(fonts, x, y, width, label, Some(fill), text, None)
}

#[allow(clippy::too_many_arguments)]
fn pill_with(
    fonts: &Fonts,
    x: f32,
    y: f32,
    width: f32,
    label: &str,
    fill: Option<Rgb>,
    text: Rgb,
    stroke: Option<Rgb>,
) -> Vec<Item> {
    const HEIGHT: f32 = 11.0;
    const SIZE: f32 = 6.5;
    let face = &fonts.bold;
    let label_width = label_width(fonts, TextStyle::new(Weight::Bold, SIZE, HEIGHT, text), label);
    let style = TextStyle::new(Weight::Bold, SIZE, HEIGHT, text);
    vec![
        Item::Rect { x, y, w: width, h: HEIGHT, fill, stroke: stroke.map(|colour| (colour, 0.8)) },
        Item::text(fonts, x + (width - label_width) / 2.0, y + baseline_offset(face, style), style, label),
    ]
}

/// Text centred on `centre`, kept between `min` and `max`.
fn centred(
    fonts: &Fonts,
    centre: f32,
    baseline: f32,
    style: TextStyle,
    text: &str,
    min: f32,
    max: f32,
) -> Item {
    let width = label_width(fonts, style, text);
    let x = (centre - width / 2.0).clamp(min, (max - width).max(min));
    Item::text(fonts, x, baseline, style, text)
}

/// One model in the summary chart: its title on the left, and on the right
/// a track of one segment per level, filled up to the current level, tinted
/// up to the target, with the target outlined.
/// Fill and number colour of a level's rung: reached (current and below),
/// planned (up to the target) or beyond.
fn level_colours(model: &ModelRoadmap, index: usize) -> (Rgb, Rgb) {
    let reached = index <= model.current;
    let planned = model.target.is_some_and(|target| index > model.current && index <= target);
    match (reached, planned) {
        (true, _) => (ACCENT, WHITE),
        (false, true) => (ACCENT_TINT, ACCENT),
        (false, false) => (TRACK, MUTED),
    }
}

pub fn summary_row(fonts: &Fonts, model: &ModelRoadmap, left: f32, width: f32) -> Block {
    let label_width = 150.0;
    let track_left = left + label_width + 12.0;
    let track_width = left + width - track_left;
    let mut block = Block::new();
    let mut y = block.text(fonts, left, 0.0, label_width, BODY_BOLD, &model.title);
    y = block.text(fonts, left, y, label_width, SMALL, &movement(model));

    let count = model.levels.len().max(1);
    let gap = 3.0;
    let segment = (track_width - gap * (count as f32 - 1.0)) / count as f32;
    let (marker_top, track_top, track_height) = (2.0, 14.0, 20.0);
    let mut items = Vec::new();
    let marker = TextStyle::new(Weight::Bold, 6.5, 9.0, ACCENT);
    let marker_baseline = marker_top + baseline_offset(&fonts.bold, marker);
    for (index, level) in model.levels.iter().enumerate() {
        let x = track_left + index as f32 * (segment + gap);
        let (fill, number_colour) = level_colours(model, index);
        let stroke = (model.target == Some(index)).then_some((INK, 1.2));
        items.push(Item::Rect { x, y: track_top, w: segment, h: track_height, fill: Some(fill), stroke });
        let number = TextStyle::new(Weight::Bold, 8.0, track_height, number_colour);
        let face = &fonts.bold;
        let baseline = track_top + baseline_offset(face, number);
        items.push(centred(fonts, x + segment / 2.0, baseline, number, &level.number, x, x + segment));
        let label = match (index == model.current, model.target == Some(index)) {
            (true, true) => Some("Current = target"),
            (true, false) => Some("Current"),
            (false, true) => Some("Target"),
            (false, false) => None,
        };
        if let Some(label) = label {
            let style = if index == model.current { marker } else { marker.colour(INK) };
            items.push(centred(
                fonts,
                x + segment / 2.0,
                marker_baseline,
                style,
                label,
                track_left,
                left + width,
            ));
        }
    }
    block.add(0.0, track_top + track_height, items);
    let height = y.max(track_top + track_height) + 10.0;
    block.add(height, height, vec![Item::hline(left, left + width, height, RULE, 0.5)]);
    block.pad(height + 10.0);
    block.unbreakable()
}

pub fn summary_legend(fonts: &Fonts, left: f32, width: f32) -> Block {
    let entries = [
        (Some(ACCENT), None, "Reached (current level and below)"),
        (Some(ACCENT_TINT), None, "To reach by the target"),
        (Some(TRACK), Some(RULE), "Beyond the target"),
        (None, Some(INK), "Target level"),
    ];
    legend(fonts, left, width, &entries)
}

pub fn answer_legend(fonts: &Fonts, left: f32, width: f32) -> Block {
    let entries: Vec<(Option<Rgb>, Option<Rgb>, &str)> = ANSWER_STATES
        .into_iter()
        .map(|answer| (Some(answer_colour(answer)), answer.is_none().then_some(RULE), answer_name(answer)))
        .collect();
    legend(fonts, left, width, &entries)
}

/// Swatches with labels in a row, wrapping to a new row when full.
fn legend(fonts: &Fonts, left: f32, width: f32, entries: &[(Option<Rgb>, Option<Rgb>, &str)]) -> Block {
    let face = &fonts.regular;
    let style = TINY;
    let offset = baseline_offset(face, style);
    let mut block = Block::new();
    let (mut x, mut y) = (left, 0.0);
    for (fill, stroke, label) in entries {
        let needed = 12.0 + label_width(fonts, style, label);
        if x > left && x + needed > left + width {
            x = left;
            y += style.leading + 2.0;
        }
        let swatch =
            Item::Rect { x, y: y + 1.0, w: 8.0, h: 7.0, fill: *fill, stroke: stroke.map(|c| (c, 0.9)) };
        block.add(y, y + style.leading, vec![swatch, Item::text(fonts, x + 11.0, y + offset, style, *label)]);
        x += needed + 14.0;
    }
    block.unbreakable()
}

/// Three boxes side by side: current level, target level, progress.
pub fn key_facts(fonts: &Fonts, model: &ModelRoadmap, left: f32, width: f32) -> Block {
    let gap = 10.0;
    let box_width = (width - 2.0 * gap) / 3.0;
    let value_style = TextStyle::new(Weight::Bold, 12.0, 15.5, INK);
    let current_detail =
        if model.override_reason.is_some() { "Set by the facilitator" } else { "Suggested by the answers" };
    let target_detail = match model.target {
        Some(_) if model.target_assumed => "Assumed: the next level up",
        Some(_) => "Chosen by the team",
        None => "Top of the model reached",
    };
    let answered = format!("{:.0} % answered", model.answered_share * 100.0);
    let progress = format!(
        "{} open {} · {} {}",
        model.gaps.len(),
        if model.gaps.len() == 1 { "gap" } else { "gaps" },
        model.actions.len(),
        if model.actions.len() == 1 { "action" } else { "actions" }
    );
    let boxes = [
        ("CURRENT LEVEL", level_label(model, Some(model.current)), current_detail.to_owned()),
        ("TARGET LEVEL", level_label(model, model.target), target_detail.to_owned()),
        ("PROGRESS", answered, progress),
    ];
    let mut contents = Vec::new();
    let mut height: f32 = 0.0;
    for (index, (label, value, detail)) in boxes.iter().enumerate() {
        let x = left + index as f32 * (box_width + gap) + 10.0;
        let inner = box_width - 20.0;
        let mut content = Block::new();
        let mut y = content.text(fonts, x, 12.0, inner, SMALL_BOLD.colour(ACCENT), label) + 3.0;
        y = content.text(fonts, x, y, inner, value_style, value) + 2.0;
        y = content.text(fonts, x, y, inner, SMALL, detail);
        height = height.max(y + 10.0);
        contents.push(content);
    }
    let mut block = Block::new();
    for index in 0..3 {
        let x = left + index as f32 * (box_width + gap);
        block.add(
            0.0,
            height,
            vec![
                Item::fill(x, 0.0, box_width, height, ACCENT_WASH),
                Item::fill(x, 0.0, box_width, 2.5, ACCENT),
            ],
        );
    }
    for content in contents {
        block.append(content, 0.0);
    }
    block.pad(height);
    block.unbreakable()
}

/// The ladder, top level first: a numbered rung per level (filled up to the
/// current level, tinted up to the target), its name and summary, CURRENT
/// and TARGET tags, and a stacked bar of how its indicators were answered.
pub fn ladder(fonts: &Fonts, model: &ModelRoadmap, left: f32, width: f32) -> Block {
    let tag_width = 52.0;
    let badge = 20.0;
    let badge_x = left + tag_width + 6.0;
    let text_x = badge_x + badge + 12.0;
    let bar_width = 124.0;
    let bar_x = left + width - bar_width;
    let text_width = bar_x - 16.0 - text_x;

    let mut block = Block::new();
    let mut y = 0.0;
    let mut centres = Vec::new();
    let mut rungs = Vec::new();
    for (index, level) in model.levels.iter().enumerate().rev() {
        let mut row = Block::new();
        let mut text_y = row.text(fonts, text_x, 5.0, text_width, BODY_BOLD, &level.short_name);
        text_y = row.text(fonts, text_x, text_y, text_width, SMALL, &level.summary);
        let counts_y = answer_bar(&mut row, fonts, &level.counts, bar_x, 7.0, bar_width);
        let height = (text_y + 5.0).max(counts_y + 5.0).max(badge + 10.0);

        let (fill, number_colour) = level_colours(model, index);
        let badge_y = (height - badge) / 2.0;
        let number_style = TextStyle::new(Weight::Bold, 9.0, badge, number_colour);
        let mut items = vec![
            Item::fill(badge_x, badge_y, badge, badge, fill),
            centred(
                fonts,
                badge_x + badge / 2.0,
                badge_y + baseline_offset(&fonts.bold, number_style),
                number_style,
                &level.number,
                badge_x,
                badge_x + badge,
            ),
        ];
        items.extend(rung_tags(fonts, model, index, left, tag_width, height));
        if index == model.current || model.target == Some(index) {
            items.insert(
                0,
                Item::fill(text_x - 6.0, 2.0, bar_x - 10.0 - (text_x - 6.0), height - 4.0, ACCENT_WASH),
            );
        }
        rungs.push((y, height, items, row));
        centres.push(y + height / 2.0);
        y += height;
    }
    // The rail behind the rungs goes first so the badges sit on top of it.
    if let (Some(first), Some(last)) = (centres.first(), centres.last()) {
        let x = badge_x + badge / 2.0;
        block.add(0.0, y, vec![Item::Line { from: (x, *first), to: (x, *last), colour: RULE, width: 2.0 }]);
    }
    for (index, (top, height, items, row)) in rungs.into_iter().enumerate() {
        let mut shifted = Block::new();
        shifted.add(0.0, height, items);
        block.append(shifted, top);
        block.append(row, top);
        if index > 0 {
            block.add(top, top, vec![Item::hline(text_x - 6.0, left + width, top, RULE, 0.5)]);
        }
    }
    block.pad(y);
    block.unbreakable()
}

/// The CURRENT and TARGET pills of a rung `height` tall, centred on it.
fn rung_tags(
    fonts: &Fonts,
    model: &ModelRoadmap,
    index: usize,
    left: f32,
    width: f32,
    height: f32,
) -> Vec<Item> {
    let mut tags = Vec::new();
    if index == model.current {
        tags.push(pill_with(fonts, left, 0.0, width, "CURRENT", Some(ACCENT), WHITE, None));
    }
    if model.target == Some(index) {
        tags.push(pill_with(fonts, left, 0.0, width, "TARGET", Some(WHITE), INK, Some(INK)));
    }
    let tags_height = tags.len() as f32 * 11.0 + tags.len().saturating_sub(1) as f32 * 3.0;
    let mut tag_y = (height - tags_height) / 2.0;
    let mut items = Vec::new();
    for mut tag in tags {
        tag.iter_mut().for_each(|item| item.shift(tag_y));
        items.extend(tag);
        tag_y += 14.0;
    }
    items
}

/// A stacked bar of the answers to one level's indicators with the counts
/// written beneath; returns the y below the counts.
fn answer_bar(row: &mut Block, fonts: &Fonts, counts: &AnswerCounts, x: f32, top: f32, width: f32) -> f32 {
    let total = counts.total();
    let height = 9.0;
    let mut items = Vec::new();
    if total == 0 {
        items.push(Item::Rect { x, y: top, w: width, h: height, fill: None, stroke: Some((RULE, 0.8)) });
    } else {
        let mut cursor = x;
        for (answer, count) in counts.parts() {
            if count == 0 {
                continue;
            }
            let part = width * count as f32 / total as f32;
            // A hairline of white between parts keeps neighbours apart.
            let drawn = (part - 0.8).max(0.5);
            items.push(Item::fill(cursor, top, drawn, height, answer_colour(answer)));
            cursor += part;
        }
    }
    row.add(top, top + height, items);
    let text = if total == 0 {
        "No indicators".to_owned()
    } else {
        let labels = [
            (counts.yes, "yes"),
            (counts.partly, "partly"),
            (counts.no, "no"),
            (counts.not_applicable, "n/a"),
        ];
        let mut parts: Vec<String> = labels
            .iter()
            .filter(|(count, _)| *count > 0)
            .map(|(count, label)| format!("{count} {label}"))
            .collect();
        if counts.unanswered > 0 {
            parts.push(format!("{} not answered", counts.unanswered));
        }
        parts.join(" · ")
    };
    row.text(fonts, x, top + height + 2.0, width, TINY, &text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::fonts;
    use crate::roadmap::Roadmap;
    use crate::workshop::sample::sample_workshop;

    #[test]
    fn charts_stay_inside_their_width() {
        let fonts = fonts().unwrap();
        let roadmap = Roadmap::from_workshop(&sample_workshop());
        for model in &roadmap.models {
            for block in [summary_row(fonts, model, 50.0, 400.0), ladder(fonts, model, 50.0, 400.0)] {
                let mut placed = crate::pdf::flow::Flow::new(crate::pdf::style::Geometry {
                    width: 500.0,
                    height: 2000.0,
                    left: 50.0,
                    right: 50.0,
                    top: 0.0,
                    bottom: 0.0,
                });
                placed.place(block);
                for item in placed.finish().iter().flat_map(|page| page.body.clone()) {
                    let bounds = item.bounds(fonts);
                    assert!(bounds.left >= 50.0 - 0.01 && bounds.right <= 450.0 + 0.01, "{item:?}");
                }
            }
        }
    }
}
