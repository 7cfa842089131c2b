//! Laid-out pages to PDF bytes through printpdf. Text is real text in an
//! embedded, subset CID font with a ToUnicode map, so it can be searched,
//! copied and extracted exactly.

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, Color, DictItem, FontId, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, TextItem, TextMatrix, WindingOrder,
};

use super::fonts::{Face, Fonts};
use super::layout::{Item, Page};
use super::shape::{Run, shape};
use super::style::{Paper, Rgb, TextStyle};
use super::{MissingGlyphs, PdfError};
use crate::roadmap::Roadmap;

/// The document and what it could not draw.
pub struct Written {
    pub bytes: Vec<u8>,
    pub missing: Vec<MissingGlyphs>,
}

/// What the pages need while their operations are built: the faces they
/// use (embedded afterwards, only those) and the characters no font had.
struct Usage<'f> {
    faces: BTreeMap<String, &'f Face>,
    missing: Vec<MissingGlyphs>,
    page: usize,
}

/// What the document says about itself (the PDF's info dictionary).
pub struct DocumentInfo {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// RFC 3339 time or ISO date the document is of: never the clock, so
    /// the same content gives the same bytes.
    pub time: String,
}

impl DocumentInfo {
    fn of_roadmap(roadmap: &Roadmap) -> Self {
        Self {
            title: document_title(roadmap),
            author: roadmap.facilitator.clone(),
            subject: "Current and target deployment maturity, gaps and actions".to_owned(),
            keywords: roadmap.models.iter().map(|model| model.title.clone()).collect(),
            time: if unix_seconds(&roadmap.modified).is_some() {
                roadmap.modified.clone()
            } else {
                roadmap.date.clone()
            },
        }
    }
}

pub fn write_pdf(
    fonts: &Fonts,
    roadmap: &Roadmap,
    pages: &[Page],
    paper: Paper,
    content_id: &str,
) -> Result<Written, PdfError> {
    write_document(fonts, &DocumentInfo::of_roadmap(roadmap), pages, paper, content_id)
}

/// Laid-out pages as PDF bytes: only the faces used embedded and subset,
/// a stable /ID.
pub fn write_document(
    fonts: &Fonts,
    about: &DocumentInfo,
    pages: &[Page],
    paper: Paper,
    content_id: &str,
) -> Result<Written, PdfError> {
    let (width, height) = paper.size();
    let mut doc = PdfDocument::new(&about.title);
    set_metadata(&mut doc, about, content_id);
    let mut usage = Usage { faces: BTreeMap::new(), missing: Vec::new(), page: 0 };
    doc.pages = pages
        .iter()
        .enumerate()
        .map(|(index, page)| {
            usage.page = index + 1;
            let ops = page
                .body
                .iter()
                .chain(&page.furniture)
                .flat_map(|item| item_ops(fonts, item, height, &mut usage))
                .collect();
            // Built from points: PdfPage::new takes millimetres, and the
            // round trip would put A4 off by a fraction of a point.
            let page_box = Rect::from_wh(Pt(width), Pt(height));
            PdfPage { media_box: page_box.clone(), trim_box: page_box.clone(), crop_box: page_box, ops }
        })
        .collect();
    for face in usage.faces.values() {
        let parsed = face
            .parsed()
            .ok_or_else(|| PdfError::Font(format!("the font {} could not be embedded", face.name)))?;
        doc.resources.fonts.map.insert(face.id.clone(), printpdf::PdfFont::new(parsed.clone()));
    }

    let options =
        PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    let mut warnings = Vec::new();
    let mut document = doc.to_lopdf_document(&options, &mut warnings);
    // printpdf writes a random /ID; the content hash keeps the bytes stable.
    if let Ok(ids) = document.trailer.get_mut(b"ID").and_then(|id| id.as_array_mut()) {
        for id in ids.iter_mut() {
            if let Ok(bytes) = id.as_str_mut() {
                *bytes = content_id.as_bytes().to_vec();
            }
        }
    }
    // printpdf always names a PDF/X version in the document info, which
    // this document does not claim to meet.
    if let Ok(info) = document.trailer.get(b"Info").and_then(|info| info.as_reference())
        && let Ok(info) = document.get_object_mut(info).and_then(|info| info.as_dict_mut())
    {
        info.remove(b"GTS_PDFXVersion");
    }
    document.compress();
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).map_err(|error| PdfError::Write(error.to_string()))?;
    Ok(Written { bytes, missing: usage.missing })
}

fn document_title(roadmap: &Roadmap) -> String {
    if roadmap.team.trim().is_empty() {
        "Deployment maturity roadmap".to_owned()
    } else {
        format!("Deployment maturity roadmap: {}", roadmap.team)
    }
}

fn set_metadata(doc: &mut PdfDocument, about: &DocumentInfo, content_id: &str) {
    let info = &mut doc.metadata.info;
    // The workshop's own time, never the clock: the same workshop must give
    // the same bytes.
    let seconds = unix_seconds(&about.time).unwrap_or(0);
    if let Ok(time) = printpdf::OffsetDateTime::from_unix_timestamp(seconds) {
        info.creation_date = time;
        info.modification_date = time;
        info.metadata_date = time;
    }
    info.author = about.author.clone();
    info.creator = "Maturity Workshop".to_owned();
    info.producer = format!("Maturity Workshop {} (printpdf)", env!("CARGO_PKG_VERSION"));
    info.subject = about.subject.clone();
    info.identifier = content_id.to_owned();
    info.keywords = about.keywords.clone();
}

/// Seconds since 1970 of `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS…` (UTC).
pub(super) fn unix_seconds(text: &str) -> Option<i64> {
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok()).flatten()
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let (hour, minute, second) =
        if text.len() >= 19 { (number(11..13)?, number(14..16)?, number(17..19)?) } else { (0, 0, 0) };
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hour * 3600 + minute * 60 + second)
}

fn colour(rgb: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb::new(rgb.0, rgb.1, rgb.2, None))
}

fn point(x: f32, y: f32, page_height: f32) -> Point {
    Point { x: Pt(x), y: Pt(page_height - y) }
}

/// A line of text: simple text as it is (printpdf maps its characters to
/// glyphs), anything shaped as glyphs placed left to right (the visual
/// order, which text extractors turn back into reading order), each
/// cluster's characters on its first glyph through the ToUnicode map.
fn text_ops<'f>(
    fonts: &'f Fonts,
    (x, baseline): (f32, f32),
    style: &TextStyle,
    text: &str,
    rtl: bool,
    page_height: f32,
    usage: &mut Usage<'f>,
) -> Vec<Op> {
    let shaped = shape(fonts, style.weight, style.size, text, rtl);
    if !shaped.missing.is_empty() {
        usage.missing.push(MissingGlyphs { page: usage.page, chars: shaped.missing, line: text.to_owned() });
    }
    let Some(runs) = shaped.runs else {
        let face = fonts.face(style.weight);
        usage.faces.insert(face.id.0.clone(), face);
        return vec![
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(face.id.clone()), size: Pt(style.size) },
            Op::SetFillColor { col: colour(style.colour) },
            Op::SetTextCursor { pos: point(x, baseline, page_height) },
            Op::ShowText { items: vec![TextItem::Text(text.to_owned())] },
            Op::EndTextSection,
        ];
    };
    let mut ops = vec![Op::StartTextSection, Op::SetFillColor { col: colour(style.colour) }];
    let mut current: Option<&FontId> = None;
    for Run { face, clusters } in runs {
        usage.faces.insert(face.id.0.clone(), face);
        if current != Some(&face.id) {
            ops.push(Op::SetFont { font: PdfFontHandle::External(face.id.clone()), size: Pt(style.size) });
            current = Some(&face.id);
        }
        for cluster in clusters {
            if let Some(text) = &cluster.actual_text {
                ops.push(Op::BeginMarkedContentWithProperties {
                    tag: "Span".to_owned(),
                    properties: actual_text(text),
                });
            }
            for glyph in cluster.glyphs {
                // One matrix per glyph at its shaped position; printpdf
                // merges a baseline's glyphs back into one TJ array.
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Raw([
                        1.0,
                        0.0,
                        0.0,
                        1.0,
                        x + glyph.x,
                        page_height - baseline + glyph.y,
                    ]),
                });
                let cid = Some(glyph.text);
                ops.push(Op::ShowText {
                    items: vec![TextItem::GlyphIds(vec![Codepoint { gid: glyph.id, offset: 0.0, cid }])],
                });
            }
            if cluster.actual_text.is_some() {
                ops.push(Op::EndMarkedContentWithProperties);
            }
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

/// The property list of a span whose text is `text` (ISO 32000-1 14.9.4),
/// as UTF-16BE with a byte order mark.
fn actual_text(text: &str) -> DictItem {
    let mut data = vec![0xFE, 0xFF];
    data.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let mut map = BTreeMap::new();
    map.insert("ActualText".to_owned(), DictItem::String { data, literal: false });
    DictItem::Dict { map }
}

fn item_ops<'f>(fonts: &'f Fonts, item: &Item, page_height: f32, usage: &mut Usage<'f>) -> Vec<Op> {
    match item {
        Item::Text { x, baseline, style, text, rtl, .. } => {
            text_ops(fonts, (*x, *baseline), style, text, *rtl, page_height, usage)
        }
        Item::Rect { x, y, w, h, fill, stroke } => {
            let mut ops = Vec::new();
            let mode = match (fill, stroke) {
                (Some(_), Some(_)) => PaintMode::FillStroke,
                (Some(_), None) => PaintMode::Fill,
                (None, Some(_)) => PaintMode::Stroke,
                (None, None) => return ops,
            };
            if let Some(fill) = fill {
                ops.push(Op::SetFillColor { col: colour(*fill) });
            }
            if let Some((stroke, width)) = stroke {
                ops.push(Op::SetOutlineColor { col: colour(*stroke) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            }
            // A PDF stroke straddles the path; insetting the path by half
            // the width keeps the outline inside the item's box.
            let inset = stroke.map_or(0.0, |(_, width)| width / 2.0);
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x + inset),
                    y: Pt(page_height - y - h + inset),
                    width: Pt(w - 2.0 * inset),
                    height: Pt(h - 2.0 * inset),
                    mode: Some(mode),
                    winding_order: Some(WindingOrder::NonZero),
                },
            });
            ops
        }
        Item::Line { from, to, colour: rgb, width } => vec![
            Op::SetOutlineColor { col: colour(*rgb) },
            Op::SetOutlineThickness { pt: Pt(*width) },
            Op::DrawLine {
                line: Line {
                    points: [from, to]
                        .iter()
                        .map(|(x, y)| LinePoint { p: point(*x, *y, page_height), bezier: false })
                        .collect(),
                    is_closed: false,
                },
            },
        ],
        Item::Polygon { points, fill } => vec![
            Op::SetFillColor { col: colour(*fill) },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing {
                        points: points
                            .iter()
                            .map(|(x, y)| LinePoint { p: point(*x, *y, page_height), bezier: false })
                            .collect(),
                    }],
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workshop_times_become_unix_seconds() {
        assert_eq!(unix_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(unix_seconds("2000-02-29T00:00:00Z"), Some(951_782_400));
        assert_eq!(unix_seconds("2026-11-22T23:59:59Z"), Some(1_795_391_999));
        assert_eq!(unix_seconds("2026-11-22"), Some(1_795_305_600));
        assert_eq!(unix_seconds("22/11/2026"), None);
        assert_eq!(unix_seconds(""), None);
    }
}
