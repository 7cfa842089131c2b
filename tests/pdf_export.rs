//! The PDF export, read back the way a reader would: parsed with lopdf,
//! text extracted through the fonts' ToUnicode maps, positions checked
//! against the page.

use lopdf::Document;
use lopdf::content::Content;
use maturity_workshop::fonts::Script;
use maturity_workshop::pdf::fonts::{Weight, fonts};
use maturity_workshop::pdf::layout::{Bounds, Item};
use maturity_workshop::pdf::shape::shape;
use maturity_workshop::pdf::{Paper, areas, layout_pages, render, render_pdf};
use maturity_workshop::roadmap::Roadmap;
use maturity_workshop::workshop::sample::{long_note, sample_workshop};
use maturity_workshop::workshop::{Action, Horizon, Workshop, WorkshopDetails};

fn parse(bytes: &[u8]) -> Document {
    Document::load_mem(bytes).expect("the PDF parses")
}

/// The text of every page, in page order.
fn page_texts(doc: &Document) -> Vec<String> {
    let count = doc.get_pages().len() as u32;
    (1..=count).map(|page| doc.extract_text(&[page]).expect("text extracts")).collect()
}

/// A page's text without the running header and footer, which are drawn
/// last: title, date, "Prepared with…", "page X of Y".
fn body_text(page: &str) -> String {
    let lines: Vec<&str> = page.lines().collect();
    lines[..lines.len().saturating_sub(4)].join("\n")
}

/// Whitespace-insensitive form: wrapping turns spaces into line breaks.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn sample_pdf_has_its_pages_team_and_models() {
    let workshop = sample_workshop();
    let doc = parse(&render_pdf(&workshop, Paper::A4).unwrap());
    let texts = page_texts(&doc);
    let laid_out = layout_pages(&Roadmap::from_workshop(&workshop), Paper::A4).unwrap();
    assert_eq!(texts.len(), laid_out.len());
    // Cover, summary, at least a page per model, general notes.
    assert!(texts.len() >= 3 + workshop.assessments.len(), "{} pages", texts.len());
    assert!(texts[0].contains("Payments Platform"));
    assert!(texts[1].contains("Where the team stands"));
    let all = squash(&texts.concat());
    for assessment in &workshop.assessments {
        assert!(all.contains(&squash(&assessment.model.title)), "missing {}", assessment.model.title);
    }
    for participant in &workshop.details.participants {
        assert!(texts[0].contains(participant.as_str()), "missing {participant}");
    }
    let total = texts.len();
    for (index, text) in texts.iter().enumerate() {
        assert!(text.contains(&format!("page {} of {total}", index + 1)), "footer of page {}", index + 1);
        assert!(
            text.contains("Payments Platform · Deployment maturity roadmap"),
            "header of page {}",
            index + 1
        );
    }
    // General notes, then the time-box's appendix on a page of its own.
    assert!(texts[..total - 1].iter().any(|text| text.contains("General notes")));
    assert!(!texts[total - 1].contains("General notes"));
    assert!(texts[total - 1].contains(maturity_workshop::roadmap::wording::TIME_HEADING));
    assert!(texts[total - 1].contains("Start, summary and roadmap"));
}

#[test]
fn notes_come_back_verbatim_in_every_script() {
    let workshop = sample_workshop();
    let pages = page_texts(&parse(&render_pdf(&workshop, Paper::A4).unwrap()));
    let all = squash(&pages.iter().map(|page| body_text(page)).collect::<Vec<_>>().join("\n"));
    for note in [
        "Café-style release reviews happen on Fridays; the façade service is the exception.",
        "Η ομάδα θέλει αυτοματοποιημένη επαναφορά πριν από την επόμενη κυκλοφορία.",
        "Команда согласна: откат должен занимать не больше пяти минут.",
    ] {
        assert!(all.contains(note), "missing {note}");
    }
    let mut notes: Vec<String> = vec![workshop.general_notes.clone()];
    for assessment in &workshop.assessments {
        notes.extend(assessment.indicator_notes.values().cloned());
        notes.extend(assessment.level_notes.values().cloned());
        notes.extend(assessment.current_override.iter().map(|o| o.reason.clone()));
    }
    notes.extend(workshop.actions.iter().flat_map(|a| [a.title.clone(), a.note.clone(), a.owner.clone()]));
    for note in notes.iter().filter(|n| !n.is_empty()) {
        assert!(all.contains(&squash(note)), "missing {note}");
    }
}

#[test]
fn the_long_note_runs_over_several_pages_and_keeps_every_word() {
    let texts = page_texts(&parse(&render_pdf(&sample_workshop(), Paper::A4).unwrap()));
    let note = long_note();
    let first_line = note.lines().next().unwrap();
    let start = texts.iter().position(|t| t.contains(first_line)).expect("the note starts");
    let end = texts.iter().position(|t| t.contains("End of note.")).expect("the note ends");
    assert!(end > start, "the note starts on page {} and ends on page {}", start + 1, end + 1);
    // Headers and footers sit between the pages' parts of the note.
    let body: Vec<String> = texts[start..=end].iter().map(|page| body_text(page)).collect();
    assert!(squash(&body.join("\n")).contains(&squash(&note)));
}

/// Text positions and path coordinates of every content stream, against
/// the page's media box.
fn assert_drawn_inside(bytes: &[u8], paper: Paper) {
    let doc = parse(bytes);
    let (page_box, content) = areas(paper);
    for (number, page_id) in doc.get_pages() {
        let media = doc.get_object(page_id).unwrap().as_dict().unwrap().get(b"MediaBox").unwrap();
        let media: Vec<f32> = media.as_array().unwrap().iter().map(|v| v.as_float().unwrap()).collect();
        assert_eq!(media, [0.0, 0.0, page_box.right, page_box.bottom], "media box of page {number}");
        let data = doc.get_page_content(page_id);
        let ops = Content::decode(&data).unwrap().operations;
        let numbers = |operands: &[lopdf::Object]| -> Vec<f32> {
            operands.iter().map(|o| o.as_float().unwrap()).collect()
        };
        for op in ops {
            match op.operator.as_str() {
                // Every line of text is its own text object, so Td is absolute.
                // Shaped text is placed glyph by glyph with Tm.
                "Td" | "Tm" => {
                    let xy = numbers(&op.operands);
                    let xy = &xy[xy.len() - 2..];
                    let (x, y) = (xy[0], page_box.bottom - xy[1]);
                    assert!(x >= content.left - 0.01 && x < content.right, "text x {x} on page {number}");
                    assert!(y > 20.0 && y < page_box.bottom - 20.0, "text y {y} on page {number}");
                }
                "re" => {
                    let r = numbers(&op.operands);
                    assert!(r[0] >= content.left - 0.01 && r[0] + r[2] <= content.right + 0.01, "rect {r:?}");
                    assert!(r[1] >= 0.0 && r[1] + r[3] <= page_box.bottom, "rect {r:?}");
                }
                "m" | "l" => {
                    let p = numbers(&op.operands);
                    assert!(p[0] >= content.left - 0.01 && p[0] <= content.right + 0.01, "point {p:?}");
                    assert!(p[1] > 20.0 && p[1] < page_box.bottom - 20.0, "point {p:?}");
                }
                _ => {}
            }
        }
    }
}

/// Every laid-out box inside the printable area (the running header and
/// footer inside the page, clear of its edges), and no two lines of text
/// on top of each other.
fn assert_layout_inside(workshop: &Workshop, paper: Paper) -> usize {
    let fonts = fonts().unwrap();
    let (page_box, content) = areas(paper);
    let edge = Bounds { left: content.left, top: 24.0, right: content.right, bottom: page_box.bottom - 24.0 };
    let pages = layout_pages(&Roadmap::from_workshop(workshop), paper).unwrap();
    for (number, page) in pages.iter().enumerate() {
        for item in &page.body {
            assert!(item.bounds(fonts).within(&content), "page {}: {item:?} outside {content:?}", number + 1);
        }
        for item in &page.furniture {
            assert!(item.bounds(fonts).within(&edge), "page {}: {item:?}", number + 1);
            assert!(!item.bounds(fonts).overlaps(&content), "page {}: {item:?} in the body", number + 1);
        }
        let texts: Vec<Bounds> = page
            .body
            .iter()
            .chain(&page.furniture)
            .filter(|item| matches!(item, Item::Text { .. }))
            .map(|item| item.bounds(fonts))
            .collect();
        for (i, a) in texts.iter().enumerate() {
            for b in &texts[i + 1..] {
                assert!(!a.overlaps(b), "page {}: text {a:?} overlaps {b:?}", number + 1);
            }
        }
    }
    pages.len()
}

/// Headings (section and sub-section) each have text below them on their
/// own page: none is left alone at the foot of a page.
fn assert_no_orphan_headings(workshop: &Workshop, paper: Paper) {
    let pages = layout_pages(&Roadmap::from_workshop(workshop), paper).unwrap();
    for (number, page) in pages.iter().enumerate() {
        let lines: Vec<(f32, bool, &str)> = page
            .body
            .iter()
            .filter_map(|item| match item {
                Item::Text { baseline, style, text, .. } => {
                    let heading = style.weight == Weight::Bold && (style.size == 12.5 || style.size == 10.0);
                    Some((*baseline, heading, text.as_str()))
                }
                _ => None,
            })
            .collect();
        for (baseline, _, text) in lines.iter().filter(|(_, heading, _)| *heading) {
            let below = lines.iter().filter(|(y, heading, _)| y > baseline && !heading).count();
            assert!(below >= 1, "page {}: heading {text:?} ends the page", number + 1);
        }
    }
}

#[test]
fn no_heading_is_left_at_the_foot_of_a_page() {
    for paper in [Paper::A4, Paper::Letter] {
        assert_no_orphan_headings(&sample_workshop(), paper);
        assert_no_orphan_headings(&hostile_workshop(), paper);
    }
}

#[test]
fn nothing_is_drawn_outside_the_page() {
    for paper in [Paper::A4, Paper::Letter] {
        assert_drawn_inside(&render_pdf(&sample_workshop(), paper).unwrap(), paper);
        assert_layout_inside(&sample_workshop(), paper);
    }
}

/// A workshop built to break layouts: unbreakable words, very long texts
/// everywhere, many actions, an empty model list on the side.
fn hostile_workshop() -> Workshop {
    let mut workshop = sample_workshop();
    workshop.details.team =
        "The Extraordinarily Long-Named Platform Reliability And Delivery Engineering Team \
                             Of The Northern Region"
            .to_owned();
    let url = format!("https://example.com/{}", "very-long-path-segment/".repeat(40));
    let essay = format!("{} {url} {}", "Ελληνικά και Кириллица mixed with ASCII. ".repeat(60), long_note());
    for assessment in &mut workshop.assessments {
        let ids: Vec<String> = assessment.model.indicators().map(|(_, ind)| ind.id.clone()).collect();
        for id in ids.iter().take(6) {
            assessment.indicator_notes.insert(id.clone(), essay.clone());
        }
    }
    for index in 0..25 {
        workshop.actions.push(Action {
            title: format!("Action {index}: {}", "do the thing ".repeat(index % 7 + 1)),
            owner: "Παπαδοπούλου-Иванова-Østergaard".to_owned(),
            horizon: Horizon::ALL[index % 3],
            due: Some("2027-03-01".to_owned()),
            note: if index % 5 == 0 { essay.clone() } else { String::new() },
            model_id: workshop.assessments.get(index % 5).map(|a| a.model.id.clone()),
            indicator_ids: vec!["nope".to_owned()],
        });
    }
    workshop.general_notes = essay;
    workshop
}

#[test]
fn hostile_input_stays_inside_the_page_and_keeps_its_text() {
    let workshop = hostile_workshop();
    for paper in [Paper::A4, Paper::Letter] {
        let pages = assert_layout_inside(&workshop, paper);
        let bytes = render_pdf(&workshop, paper).unwrap();
        assert_drawn_inside(&bytes, paper);
        let texts = page_texts(&parse(&bytes));
        assert_eq!(texts.len(), pages);
        // The URL is broken between characters; nothing of it is lost.
        let compact: String = texts.concat().split_whitespace().collect();
        assert!(compact.contains(&format!("https://example.com/{}", "very-long-path-segment/".repeat(40))));
    }
}

#[test]
fn an_empty_workshop_still_makes_a_document() {
    let workshop = Workshop::new(WorkshopDetails::default(), Vec::new(), "2026-01-01T00:00:00Z");
    let bytes = render_pdf(&workshop, Paper::A4).unwrap();
    let texts = page_texts(&parse(&bytes));
    assert_eq!(texts.len(), 3, "cover, summary, general notes");
    assert!(texts[1].contains("No models were assessed"));
    assert_layout_inside(&workshop, Paper::A4);
}

#[test]
fn the_same_workshop_gives_the_same_bytes() {
    let workshop = sample_workshop();
    let first = render_pdf(&workshop, Paper::A4).unwrap();
    assert_eq!(first, render_pdf(&workshop, Paper::A4).unwrap());
    assert_eq!(render_pdf(&workshop, Paper::Letter).unwrap(), render_pdf(&workshop, Paper::Letter).unwrap());
    let text = String::from_utf8_lossy(&first);
    assert!(text.contains("D:20261120164500"), "creation date from the workshop");
    let mut changed = workshop.clone();
    changed.general_notes.push('!');
    assert_ne!(first, render_pdf(&changed, Paper::A4).unwrap());
}

#[test]
fn paper_sizes_and_file_size() {
    let a4 = render_pdf(&sample_workshop(), Paper::A4).unwrap();
    let letter = render_pdf(&sample_workshop(), Paper::Letter).unwrap();
    assert!(a4.len() <= 200 * 1024, "A4 PDF is {} bytes", a4.len());
    assert!(letter.len() <= 200 * 1024, "Letter PDF is {} bytes", letter.len());
    for (bytes, size) in [(a4, [595.28, 841.89]), (letter, [612.0, 792.0])] {
        let doc = parse(&bytes);
        let (_, page) = doc.get_pages().into_iter().next().unwrap();
        let media = doc.get_object(page).unwrap().as_dict().unwrap().get(b"MediaBox").unwrap().clone();
        let media: Vec<f32> = media.as_array().unwrap().iter().map(|v| v.as_float().unwrap()).collect();
        assert_eq!(&media[2..], &size);
    }
}

#[test]
fn fonts_are_embedded_subsets_with_unicode_maps() {
    let doc = parse(&render_pdf(&sample_workshop(), Paper::A4).unwrap());
    let mut fonts = 0;
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(&b"Type0"[..]) {
            fonts += 1;
            assert!(dict.has(b"ToUnicode"));
            let name = dict.get(b"BaseFont").unwrap().as_name().unwrap();
            assert!(name.starts_with(b"DJV") && name[6] == b'+', "{}", String::from_utf8_lossy(name));
        }
        if dict.get(b"Type").and_then(|s| s.as_name()).ok() == Some(&b"FontDescriptor"[..]) {
            assert!(dict.has(b"FontFile2"), "font program embedded");
        }
    }
    assert_eq!(fonts, 2, "regular and bold");
}

/// Speed on the sample: run with
/// `cargo test --release --test pdf_export -- --ignored --nocapture`.
#[test]
#[ignore = "timing; meaningful in release builds only"]
fn render_time_on_the_sample() {
    let workshop = sample_workshop();
    let started = std::time::Instant::now();
    let first = render_pdf(&workshop, Paper::A4).unwrap();
    let cold = started.elapsed();
    let runs = 20;
    let started = std::time::Instant::now();
    for _ in 0..runs {
        assert_eq!(render_pdf(&workshop, Paper::A4).unwrap().len(), first.len());
    }
    let warm = started.elapsed() / runs;
    println!(
        "render_pdf: first call {cold:?} (parses the fonts), then {warm:?} per call; {} bytes",
        first.len()
    );
    if !cfg!(debug_assertions) {
        assert!(warm.as_millis() <= 50, "render_pdf took {warm:?}");
    }
}

/// A note in each script the issue names, the first one as seen on the
/// sample (Japanese, Korean, Arabic and Hindi words, then Latin), with a
/// character of that script that a font must have for the note to be drawn.
const SCRIPT_NOTES: [(&str, Script, char, &str); 8] = [
    (
        "mixed",
        Script::Cjk,
        'デ',
        "デプロイ 배포 نشر परिनियोजन Café-style release reviews happen on Fridays; the façade service is the exception.",
    ),
    (
        "Chinese",
        Script::Cjk,
        '团',
        "中文：团队希望在下一次发布之前实现自动回滚，并在每次部署后检查监控指标，确认没有回归问题。",
    ),
    (
        "Japanese",
        Script::Cjk,
        'リ',
        "日本語：リリース前に自動ロールバックを用意し、デプロイのたびに監視を確認します。",
    ),
    (
        "Korean",
        Script::Cjk,
        '릴',
        "한국어: 다음 릴리스 전에 자동 롤백을 준비하고 배포할 때마다 모니터링을 확인합니다.",
    ),
    (
        "Arabic",
        Script::Arabic,
        'ع',
        "العربية: يريد الفريق التراجع التلقائي قبل الإصدار القادم، ومراجعة المراقبة بعد كل نشر للخدمة.",
    ),
    (
        "Hebrew",
        Script::Hebrew,
        'ע',
        "עברית: הצוות רוצה חזרה אוטומטית לפני השחרור הבא, ובדיקת ניטור אחרי כל פריסה של השירות.",
    ),
    (
        "Devanagari",
        Script::Devanagari,
        'ट',
        "हिन्दी: टीम अगली रिलीज़ से पहले स्वचालित रोलबैक चाहती है, और हर परिनियोजन के बाद निगरानी की जाँच करती है।",
    ),
    (
        "emoji",
        Script::Symbols,
        '🚀',
        "Emoji: 🚀 ship it, ✅ done, 🔥 incident, 👍 agreed, 🐛 bug, ❤ team, 🎉 released.",
    ),
];

/// The notes of `SCRIPT_NOTES` whose script this machine has a font for;
/// the others are named on stderr as skipped (CI installs the fonts).
fn drawable_script_notes() -> Vec<(&'static str, &'static str)> {
    let fonts = fonts().unwrap();
    SCRIPT_NOTES
        .iter()
        .filter_map(|&(name, script, probe, note)| {
            let face = fonts.face_for(Weight::Regular, script, &probe.to_string());
            if face.is_none() {
                eprintln!("skipped: no font on this machine draws {name} ({probe}); install fonts-noto-cjk fonts-noto-core");
            }
            face.map(|_| (name, note))
        })
        .collect()
}

fn workshop_with_script_notes(notes: &[(&str, &str)]) -> Workshop {
    let mut workshop = sample_workshop();
    let assessment = &mut workshop.assessments[0];
    let ids: Vec<String> = assessment.model.indicators().map(|(_, ind)| ind.id.clone()).collect();
    for ((_, note), id) in notes.iter().zip(ids.iter().cycle()) {
        assessment.indicator_notes.insert(id.clone(), (*note).to_owned());
    }
    workshop.general_notes = notes.iter().map(|(_, note)| *note).collect::<Vec<_>>().join("\n\n");
    workshop.details.team =
        notes.first().map_or("Team", |(_, note)| note.split(' ').next().unwrap_or("Team")).to_owned();
    workshop
}

#[test]
fn notes_in_every_script_stay_inside_the_page_glyph_by_glyph() {
    let notes = drawable_script_notes();
    let workshop = workshop_with_script_notes(&notes);
    let fonts = fonts().unwrap();
    for paper in [Paper::A4, Paper::Letter] {
        assert_layout_inside(&workshop, paper);
        let (page_box, content) = areas(paper);
        let pages = layout_pages(&Roadmap::from_workshop(&workshop), paper).unwrap();
        let mut shaped_lines = 0;
        for (number, page) in pages.iter().enumerate() {
            let furniture = page.furniture.iter().map(|item| (item, page_box));
            for (item, area) in page.body.iter().map(|item| (item, content)).chain(furniture) {
                let Item::Text { x, style, text, rtl, .. } = item else { continue };
                let shaped = shape(fonts, style.weight, style.size, text, *rtl);
                assert!(
                    shaped.missing.is_empty(),
                    "page {}: {:?} missing in {text:?}",
                    number + 1,
                    shaped.missing
                );
                let Some(runs) = shaped.runs else { continue };
                shaped_lines += 1;
                for glyph in runs.iter().flat_map(|run| run.glyphs()) {
                    let (left, right) = (x + glyph.x, x + glyph.x + glyph.advance);
                    assert!(
                        left >= area.left - 0.01 && right <= area.right + 0.01,
                        "page {}: glyph {glyph:?} of {text:?} at {left}..{right} outside {area:?}",
                        number + 1
                    );
                }
            }
        }
        if !notes.is_empty() {
            assert!(shaped_lines >= notes.len(), "only {shaped_lines} shaped lines");
        }
        let rendered = render(&workshop, paper).unwrap();
        assert!(rendered.missing.is_empty(), "{:?}", rendered.missing);
        assert_drawn_inside(&rendered.bytes, paper);
        // Fallback fonts keep the document deterministic.
        assert_eq!(rendered.bytes, render_pdf(&workshop, paper).unwrap(), "same workshop, same bytes");
    }
}

#[test]
fn notes_in_every_script_come_back_as_text() {
    let notes = drawable_script_notes();
    let workshop = workshop_with_script_notes(&notes);
    let pages = page_texts(&parse(&render_pdf(&workshop, Paper::A4).unwrap()));
    // Without white space: lopdf puts a space where the font changes
    // (fontconfig may give a CJK punctuation mark its own font).
    let compact = |text: &str| text.split_whitespace().collect::<String>();
    let all = compact(&pages.concat());
    // Scripts drawn one glyph per character in reading order come back
    // through the ToUnicode maps alone; right-to-left text (in visual order)
    // and Devanagari (ActualText) are checked with pdftotext in
    // scripts/check-pdf.sh.
    for (name, note) in notes {
        if ["Chinese", "Japanese", "Korean", "emoji"].contains(&name) {
            assert!(all.contains(&compact(note)), "{name} note missing: {note}");
        }
    }
}

#[test]
fn a_character_no_font_has_is_reported_and_kept() {
    let mut workshop = sample_workshop();
    workshop.general_notes = "Planned: \u{10FFFD} and done.".to_owned();
    let rendered = render(&workshop, Paper::A4).unwrap();
    assert_eq!(rendered.missing.len(), 1, "{:?}", rendered.missing);
    let missing = &rendered.missing[0];
    assert_eq!(missing.chars, ['\u{10FFFD}']);
    let general = page_texts(&parse(&rendered.bytes)).iter().position(|text| text.contains("Planned:"));
    assert_eq!(Some(missing.page), general.map(|index| index + 1), "on the page of the general notes");
    assert!(missing.to_string().contains("U+10FFFD"), "{missing}");
    assert!(rendered.missing_summary().unwrap().starts_with("1 character could not be drawn"));
    // Still in the text, as the span's ActualText (UTF-16BE).
    let doc = parse(&rendered.bytes);
    let found = doc.get_pages().values().any(|&page| {
        let data = doc.get_page_content(page);
        Content::decode(&data).unwrap().operations.iter().any(|op| {
            op.operator == "BDC"
                && op.operands.get(1).and_then(|props| props.as_dict().ok()).is_some_and(|props| {
                    props.get(b"ActualText").ok().and_then(|text| text.as_str().ok())
                        == Some(&[0xFE, 0xFF, 0xDB, 0xFF, 0xDF, 0xFD][..])
                })
        })
    });
    assert!(found, "the missing character is kept as ActualText");
}
