//! The bundled models say what their sources say: every indicator carries a
//! `source` quote, and every quote is found, word for word, in the part of
//! the source text that describes the indicator's level.
//!
//! The source texts are kept under `tests/seeds/` so this always runs; when
//! the workshop's shared copies (`../shared/seeds/`) are present, the kept
//! copies are checked against them too.

use std::path::Path;

use maturity_workshop::model::{MaturityModel, bundled_models};

/// Where a model's source text is, and the lines that open each of its
/// levels' sections, lowest level first. No headings: the source does not
/// tie its text to levels (practicing-deployment's practice-area slides),
/// so quotes are looked for in the whole text.
struct Seed {
    model_id: &'static str,
    file: &'static str,
    headings: &'static [&'static str],
    /// The line that ends the last level's section, if anything follows it.
    end: Option<&'static str>,
}

const SEEDS: [Seed; 4] = [
    Seed {
        model_id: "deployment-levels",
        file: "deployment-levels.md",
        headings: &["# Level 0", "# Level 1", "# Level 2"],
        end: None,
    },
    Seed {
        model_id: "deployment-maturity-model",
        file: "deployment-maturity-model.txt",
        headings: &["Unaware", "Casual", "Rigid", "Flexible", "Optimising"],
        end: Some("Some links"),
    },
    Seed {
        model_id: "eight-levels-of-deployment-maturity",
        file: "eight-levels-of-deployment-maturity.txt",
        headings: &[
            "Level 0:", "Level 1:", "Level 2:", "Level 3:", "Level 4:", "Level 5:", "Level 6:", "Level 7:",
            "Level 8:",
        ],
        end: None,
    },
    Seed {
        model_id: "practicing-deployment",
        file: "practicing-deployment-oscon-2013.txt",
        headings: &[],
        end: None,
    },
];

fn seed_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seeds")
}

/// Whitespace runs become one space, typographic quotes plain ones, and the
/// one HTML entity of the Markdown source its character: a quote is judged
/// on its words, not on how the page was typeset.
fn normalise(text: &str) -> String {
    let text = text
        .replace("&rarr;", "→")
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201C}', '\u{201D}'], "\"");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of each level's section, lowest first.
fn sections(text: &str, seed: &Seed) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut starts = Vec::new();
    let mut from = 0;
    for heading in seed.headings {
        let found = lines[from..]
            .iter()
            .position(|line| line.starts_with(heading))
            .unwrap_or_else(|| panic!("{}: no heading {heading:?}", seed.file));
        starts.push(from + found);
        from += found + 1;
    }
    let end = seed
        .end
        .and_then(|end| lines[from..].iter().position(|line| line.starts_with(end)).map(|at| from + at))
        .unwrap_or(lines.len());
    starts.push(end);
    starts.windows(2).map(|pair| normalise(&lines[pair[0]..pair[1]].join("\n"))).collect()
}

/// A quote is one passage, or several joined by "…" where words were left
/// out; each passage must be found, in order.
fn find_quote(quote: &str, section: &str) -> Result<(), String> {
    let mut rest = section;
    for passage in quote.split('…').map(normalise) {
        if passage.is_empty() {
            return Err("an empty passage around \"…\"".to_owned());
        }
        match rest.find(&passage) {
            Some(at) => rest = &rest[at + passage.len()..],
            None => return Err(format!("not found (in order): {passage:?}")),
        }
    }
    Ok(())
}

fn model(id: &str) -> MaturityModel {
    let (models, problems) = bundled_models();
    assert!(problems.is_empty(), "{problems:?}");
    models.into_iter().find(|model| model.id == id).unwrap_or_else(|| panic!("no bundled model {id}"))
}

#[test]
fn every_bundled_indicator_quotes_its_level_of_the_source() {
    let (models, _) = bundled_models();
    assert_eq!(models.len(), SEEDS.len(), "a bundled model without a seed here");
    let mut failures = Vec::new();
    for seed in &SEEDS {
        let model = model(seed.model_id);
        let text = std::fs::read_to_string(seed_dir().join(seed.file)).unwrap();
        let sections = sections(&text, seed);
        let whole = normalise(&text);
        if !seed.headings.is_empty() {
            assert_eq!(sections.len(), model.levels.len(), "{}: levels and source sections", model.id);
        }
        for (level_index, indicator) in model.indicators() {
            let Some(quote) = indicator.source.as_deref().filter(|quote| !quote.trim().is_empty()) else {
                failures.push(format!("{} / {}: no source", model.id, indicator.id));
                continue;
            };
            let section = sections.get(level_index).filter(|_| !seed.headings.is_empty()).unwrap_or(&whole);
            if let Err(why) = find_quote(quote, section) {
                let level = &model.levels[level_index].name;
                failures.push(format!("{} / {} (level {level}): {why}", model.id, indicator.id));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} indicators do not quote their source:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn quotes_are_matched_on_words_and_in_order() {
    let section = normalise("Rollback  is achieved\nby taking a “backup” copy. It’s done.");
    assert_eq!(find_quote("Rollback is achieved by taking a \"backup\" copy.", &section), Ok(()));
    assert_eq!(find_quote("Rollback is achieved … It's done.", &section), Ok(()));
    assert!(find_quote("It's done. … Rollback", &section).is_err(), "passages out of order");
    assert!(find_quote("Rollback is automatic", &section).is_err());
    assert!(find_quote("Rollback … ", &section).is_err(), "an empty passage proves nothing");
}

#[test]
fn each_level_section_is_the_levels_own() {
    // The slicing itself: a quote from one level is not found in another's.
    let seed = &SEEDS[1];
    let text = std::fs::read_to_string(seed_dir().join(seed.file)).unwrap();
    let sections = sections(&text, seed);
    assert_eq!(sections.len(), 5);
    assert!(sections[0].starts_with("Unaware Uses manual deployment"));
    assert!(sections[4].ends_with("Roll forwards is as trivial as it can be."));
    assert!(find_quote("Authorisation/Sign off and security are totally incidental.", &sections[1]).is_err());
}

#[test]
fn kept_seeds_match_the_shared_ones() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !shared.is_dir() {
        println!("skipped: {} is not here; tests/seeds is used as it is", shared.display());
        return;
    }
    for seed in &SEEDS {
        let kept = std::fs::read(seed_dir().join(seed.file)).unwrap();
        let original = std::fs::read(shared.join(seed.file)).unwrap();
        assert!(kept == original, "tests/seeds/{} differs from the shared seed", seed.file);
    }
}
