use proptest::prelude::*;

use super::*;
use crate::model::{Dimension, Indicator, Level, Source, bundled_models, model_to_ron, parse_model};

const SEED: &str = include_str!("../../tests/fixtures/deployment-levels.md");

fn problems_of(text: &str) -> Vec<String> {
    match parse_model_markdown("m.md", text) {
        Ok(model) => panic!("expected problems, got {model:#?}"),
        Err(problems) => problems.0.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn every_bundled_model_comes_back_identical_from_markdown() {
    let (models, problems) = bundled_models();
    assert!(problems.is_empty());
    for model in models {
        let text = model_to_markdown(&model);
        let again = parse_model_markdown("exported.md", &text)
            .unwrap_or_else(|problems| panic!("{} does not read back:\n{problems}\n{text}", model.id));
        assert_eq!(again, model, "{} changed on the way through Markdown:\n{text}", model.id);
    }
}

#[test]
fn the_deployment_levels_seed_imports_as_it_is() {
    let model = parse_model_markdown("deployment-levels.md", SEED).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(model.title, "Deployment");
    assert_eq!(model.id, "deployment");
    assert_eq!(model.version, 1);
    assert_eq!(
        model.summary,
        "Deployment is the process of releasing new features to the users, which should be quick, simple and bullet-proof."
    );
    assert_eq!(model.source.title, "Deployment");
    let shape: Vec<(&str, &str, usize, usize)> = model
        .levels
        .iter()
        .map(|l| (l.id.as_str(), l.name.as_str(), l.indicators.len(), l.next_steps.len()))
        .collect();
    assert_eq!(
        shape,
        [("level-0", "Level 0", 4, 3), ("level-1", "Level 1", 4, 4), ("level-2", "Level 2", 4, 0)]
    );
    let level_0 = &model.levels[0];
    assert_eq!(
        level_0.summary,
        "When you only release software every 6-18 months deployments can be a very big deal."
    );
    assert!(
        level_0.description.contains("\n\nBecause of the time, effort and money"),
        "{}",
        level_0.description
    );
    assert_eq!(level_0.indicators[0].id, "level-0-code-dependencies-configurations");
    assert!(level_0.indicators[1].statement.starts_with("There isn't any certainty about weather"));
    // A link keeps its address; a character reference is its character.
    assert!(
        level_0.next_steps[0].ends_with(
            "If it hurts, do it more often (http://martinfowler.com/bliki/FrequencyReducesDifficulty.html)"
        ),
        "{}",
        level_0.next_steps[0]
    );
    assert!(model.levels[1].indicators[0].statement.contains("development → pre-production → production"));
    // It is a model like any other: it validates as RON too.
    let ron = model_to_ron(&model).unwrap();
    assert_eq!(parse_model("d.ron", ron.as_bytes()).unwrap(), model);
}

#[test]
fn crlf_and_a_byte_order_mark_read_the_same() {
    let crlf = format!("\u{feff}{}", SEED.replace('\n', "\r\n"));
    let plain = parse_model_markdown("a.md", SEED).unwrap();
    assert_eq!(parse_model_markdown("b.md", &crlf).unwrap(), plain);
    assert_eq!(import_markdown("c.md", crlf.as_bytes()).unwrap(), plain);
}

const SMALL: &str = "# Small model

A summary.

Source: A talk
Year: 2019

## Dimensions

- Rollback

## Manual

### Indicators

- Releases are copied by hand.
  Dimension: rollback

## Scripted

Id: scripted
Summary: One command.

### Indications

- One command deploys.
  Id: one-command
  Guidance: Yes if anyone can run it.
";

#[test]
fn ids_fields_and_dimensions_by_name() {
    let model = parse_model_markdown("s.md", SMALL).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(model.id, "small-model");
    assert_eq!(model.source.year, Some(2019));
    assert_eq!(model.dimensions[0].id, "rollback");
    assert_eq!(model.levels[0].id, "manual");
    assert_eq!(model.levels[0].summary, "");
    assert_eq!(model.levels[0].indicators[0].id, "manual-releases-copied-hand");
    assert_eq!(model.levels[0].indicators[0].dimension.as_deref(), Some("rollback"));
    assert_eq!(model.levels[1].summary, "One command.");
    assert_eq!(model.levels[1].indicators[0].guidance.as_deref(), Some("Yes if anyone can run it."));
}

#[test]
fn problems_point_at_the_markdown() {
    let text = SMALL.replace("  Dimension: rollback", "  Dimension: rollbak").replace(
        "- One command deploys.\n  Id: one-command",
        "- One command deploys.\n  Id: one-command\n- Again.\n  Id: one-command",
    );
    assert_eq!(
        problems_of(&text),
        [
            "m.md:17:3: indicator \"manual-releases-copied-hand\" refers to unknown dimension \"rollbak\" (known: rollback)",
            "m.md:29:3: duplicate indicator id \"one-command\" (first used at 27:3)",
        ]
    );
    let text = SMALL.replace("### Indications\n\n- One command deploys.\n  Id: one-command\n  Guidance: Yes if anyone can run it.\n", "");
    assert_eq!(
        problems_of(&text),
        [
            "m.md:19:1: level \"Scripted\" has no indicators: list them under a heading \"Indicators\" below it"
        ]
    );
    assert_eq!(
        problems_of("Just text.\n"),
        [
            "m.md:1:1: the document has no title: start it with a heading such as \"# My deployment model\"",
            "m.md:1:1: a model needs at least two levels; this one has 0",
        ]
    );
    assert_eq!(
        problems_of(&SMALL.replace("Year: 2019", "Year: soon\nGuidance: x")),
        [
            "m.md:6:1: Year: \"soon\" is not a year",
            "m.md:7:1: Guidance: is not a field of the model; the model takes Id:, Version:, Source:, Author:, URL:, Year:, Note:",
        ]
    );
    assert_eq!(
        problems_of(&SMALL.replace("## Scripted", "### Details\n\n## Scripted")),
        [
            "m.md:19:1: heading \"Details\" is neither a level nor a section: levels are the ## headings, sections are \"Indicators\", \"Next steps\" and \"Dimensions\""
        ]
    );
    assert_eq!(
        problems_of(&SMALL.replace("A summary.", "A summary \u{202e}reversed.")),
        [
            "m.md:3:11: the bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed: it reorders text on the wall and in the PDF"
        ]
    );
    // Written as a character reference, it is caught in the model's text.
    assert_eq!(
        problems_of(&SMALL.replace("A summary.", "A summary &#x202E;reversed.")),
        [
            "m.md:3:1: model summary (character 11): the bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed: it reorders text on the wall and in the PDF"
        ]
    );
}

/// Texts that Markdown would read as something else if written as they are.
fn awkward_text() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "word",
        "Deploy",
        " ",
        "  ",
        "\t",
        "\n",
        "\n\n",
        "#",
        "## ",
        "-",
        "- ",
        "+",
        ">",
        "> ",
        "`",
        "```",
        "~~~",
        "*",
        "**",
        "_",
        "[",
        "]",
        "(",
        ")",
        "[a](b)",
        "<",
        "<b>",
        "&",
        "&amp;",
        "&#32;",
        "\\",
        "1.",
        "2)",
        "10. ",
        "=",
        "===",
        "---",
        "|",
        ":",
        "!",
        "Id:",
        "Summary: ",
        "guidance:",
        "Source:",
        "Indicators",
        "Next steps",
        "é",
        "日本",
        "http://x.org/a_b?c=d&e",
        "...",
        "    code",
    ]);
    prop::collection::vec(token, 0..7).prop_map(|tokens| tokens.concat())
}

/// Awkward, but with something to read.
fn awkward_name() -> impl Strategy<Value = String> {
    (awkward_text(), "[A-Za-z]{1,6}", awkward_text()).prop_map(|(a, b, c)| format!("{a}{b}{c}"))
}

fn kebab_id() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4}){0,2}"
}

fn optional<T: std::fmt::Debug + Clone>(
    strategy: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<T>> {
    prop::option::of(strategy)
}

fn model_strategy() -> impl Strategy<Value = MaturityModel> {
    let source = (
        awkward_name(),
        optional(awkward_text()),
        optional(awkward_text()),
        optional(any::<u16>()),
        optional(awkward_text()),
    )
        .prop_map(|(title, author, url, year, note)| Source { title, author, url, year, note });
    let dimensions = prop::collection::vec((awkward_name(), awkward_text()), 0..3);
    let indicator = (awkward_name(), any::<bool>(), optional(awkward_text()), optional(awkward_text()));
    let level = (
        awkward_name(),
        awkward_text(),
        awkward_text(),
        prop::collection::vec(indicator, 1..4),
        prop::collection::vec(awkward_text(), 0..3),
    );
    (
        kebab_id(),
        any::<u32>(),
        awkward_name(),
        awkward_text(),
        source,
        dimensions,
        prop::collection::vec(level, 2..4),
    )
        .prop_map(|(id, version, title, summary, source, dimensions, levels)| {
            let dimensions: Vec<Dimension> = dimensions
                .into_iter()
                .enumerate()
                .map(|(d, (name, description))| Dimension { id: format!("dim-{d}"), name, description })
                .collect();
            let mut counter = 0;
            let levels = levels
                .into_iter()
                .enumerate()
                .map(|(l, (name, summary, description, indicators, next_steps))| Level {
                    id: format!("level-{l}"),
                    name,
                    summary,
                    description,
                    indicators: indicators
                        .into_iter()
                        .map(|(statement, tagged, guidance, source)| {
                            counter += 1;
                            Indicator {
                                id: format!("ind-{counter}"),
                                statement,
                                dimension: (tagged && !dimensions.is_empty())
                                    .then(|| dimensions[counter % dimensions.len()].id.clone()),
                                guidance,
                                source,
                            }
                        })
                        .collect(),
                    next_steps,
                })
                .collect();
            MaturityModel { id, version, title, summary, source, dimensions, levels }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_model_comes_back_identical_from_markdown(model in model_strategy()) {
        let text = model_to_markdown(&model);
        match parse_model_markdown("generated.md", &text) {
            Ok(again) => prop_assert_eq!(again, model, "through:\n{}", text),
            Err(problems) => prop_assert!(false, "{}\nin:\n{}", problems, text),
        }
    }

    #[test]
    fn no_text_makes_the_importer_panic(text in "(\\PC|[\\n#>*`\\-\\[\\]()&;:])*") {
        let _ = parse_model_markdown("any.md", &text);
    }

    #[test]
    fn no_bytes_make_the_importer_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = import_markdown("any.md", &bytes);
    }

    #[test]
    fn no_line_soup_makes_the_importer_panic(lines in prop::collection::vec(awkward_text(), 0..30)) {
        let _ = parse_model_markdown("soup.md", &lines.join("\n"));
    }

    /// Whatever a document holds, a model it imports to is a valid model
    /// file, and goes back to Markdown and in again unchanged.
    #[test]
    fn every_imported_model_is_a_valid_model_file(
        levels in prop::collection::vec((awkward_name(), prop::collection::vec(awkward_name(), 1..4)), 2..4),
        head in prop::collection::vec(awkward_text(), 0..4),
    ) {
        // One line each, so that most documents keep their shape and import.
        let line = |text: &String| text.replace('\n', " ");
        let levels: Vec<(String, Vec<String>)> =
            levels.iter().map(|(name, items)| (line(name), items.iter().map(line).collect())).collect();
        let mut text = format!("# Title\n\n{}\n", head.join("\n\n"));
        for (name, items) in &levels {
            text.push_str(&format!("\n## {name}\n\n### Indicators\n\n"));
            for item in items {
                text.push_str(&format!("- {item}\n"));
            }
        }
        if let Ok(model) = parse_model_markdown("doc.md", &text) {
            let ron = model_to_ron(&model).unwrap();
            let from_ron = parse_model("doc.ron", ron.as_bytes());
            prop_assert_eq!(from_ron.as_ref(), Ok(&model), "{}", ron);
            let again = parse_model_markdown("again.md", &model_to_markdown(&model));
            prop_assert_eq!(again.as_ref(), Ok(&model));
        }
    }
}

#[test]
fn awkward_texts_in_every_field_come_back() {
    let awkward = [
        "# heading",
        "- item",
        "+ plus",
        "> quote",
        "`code`",
        "```fence",
        "~~~fence",
        "*em* **strong** _u_",
        "[link](url)",
        "<b>html</b>",
        "&amp; &#32;",
        "back\\slash\\",
        "1. one",
        "2) two",
        "=== setext",
        "---",
        "| table |",
        "Id: not a field",
        "  spaced  ",
        "tab\there",
        "line\nbreak",
        "para\n\ngraph",
        "\n\nleading",
        "trailing\n\n",
        "Indicators",
        "Working towards level 2",
        "    indented code",
        "http://x.org/a_b?c=d&e",
        "ends with two spaces  ",
        "12.",
        "Summary:",
        "émoji 日本",
    ];
    let (mut models, _) = bundled_models();
    let mut model = models.remove(0);
    for (n, text) in awkward.iter().enumerate() {
        let named = format!("{text} {n}");
        model.summary = (*text).to_owned();
        model.source.note = Some((*text).to_owned());
        model.source.author = Some((*text).to_owned());
        model.dimensions[0].name = named.clone();
        model.dimensions[0].description = (*text).to_owned();
        model.levels[0].name = named.clone();
        model.levels[0].summary = (*text).to_owned();
        model.levels[0].description = (*text).to_owned();
        model.levels[0].next_steps[0] = (*text).to_owned();
        let indicator = &mut model.levels[1].indicators[0];
        indicator.statement = named.clone();
        indicator.guidance = Some((*text).to_owned());
        indicator.source = Some((*text).to_owned());
        let markdown = model_to_markdown(&model);
        let again = parse_model_markdown("awkward.md", &markdown)
            .unwrap_or_else(|problems| panic!("{text:?}: {problems}\n{markdown}"));
        assert_eq!(again, model, "{text:?} through:\n{markdown}");
    }
}

#[test]
fn the_example_in_the_models_readme_imports() {
    let readme = include_str!("../../models/README.md");
    let start = readme.find("```markdown\n").expect("an example") + "```markdown\n".len();
    let example = &readme[start..start + readme[start..].find("\n```").expect("its end")];
    let model = parse_model_markdown("README.md", example).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!((model.id.as_str(), model.version), ("example-model", 1));
    assert_eq!(model.source.author.as_deref(), Some("Jane Doe"));
    assert_eq!(model.source.year, Some(2013));
    let dimensions: Vec<_> = model.dimensions.iter().map(|d| (d.id.as_str(), d.name.as_str())).collect();
    assert_eq!(dimensions, [("process", "Deployment process"), ("rollback", "Rollback")]);
    let manual = &model.levels[0];
    assert_eq!((manual.id.as_str(), manual.summary.as_str()), ("manual", "One line shown on the ladder."));
    assert!(manual.description.starts_with("A few sentences"));
    assert_eq!(manual.indicators[0].source.as_deref(), Some("\"Someone copies the files to the server.\""));
    assert_eq!(manual.indicators[1].id, "manual-nobody-knows-whether-release");
    assert_eq!(manual.next_steps.len(), 2);
    let scripted = &model.levels[1];
    assert_eq!(scripted.id, "scripted");
    assert_eq!(scripted.indicators[0].dimension.as_deref(), Some("process"), "a dimension by its name");
}

#[test]
fn hand_written_documents_may_bold_field_names_and_break_lines() {
    let text = "# M\n\n## A\n\n- Statement written\n  over two lines.\n  **Guidance:** bold name  \n  and a hard break.\n\n## B\n\n- Yes.\n";
    let model = parse_model_markdown("m.md", text).unwrap_or_else(|p| panic!("{p}"));
    let indicator = &model.levels[0].indicators[0];
    assert_eq!(indicator.statement, "Statement written over two lines.");
    assert_eq!(indicator.guidance.as_deref(), Some("bold name\nand a hard break."));
}

#[test]
fn pathological_documents_end_quickly_with_problems() {
    // Deep nesting of every kind, long runs of Markdown's characters, and
    // many of what is looked up. Each is linear in its size: a 1 MiB file of any of them reads in
    // well under a second (a quadratic step took minutes).
    for text in [
        ">".repeat(20_000),
        "- ".repeat(10_000),
        "[".repeat(20_000),
        "*a".repeat(10_000),
        "`".repeat(20_000),
        "# L\n".repeat(5_000),
        "[a](b) ".repeat(3_000),
        format!("# T\n\n## A\n\n{}", "- x\n  ".repeat(3_000)),
        // Images in images: each link's text was read again at its end.
        format!("# T\n\n## A\n\n- {}a{}\n", "![".repeat(20_000), "](u)".repeat(20_000)),
        format!("# T\n\n## A\n\n- {}a{}\n", "[![".repeat(5_000), "](u)](v)".repeat(5_000)),
        // Many dimensions and many indicators naming an unknown one: each
        // looked up among every dimension, and each message listed them all.
        format!(
            "# T\n\n## Dimensions\n\n{}\n## A\n\n{}\n## B\n\n- b\n",
            (0..3_000).map(|d| format!("- Dimension {d}\n")).collect::<String>(),
            "- a\n  Dimension: nowhere\n".repeat(3_000)
        ),
    ] {
        let _ = parse_model_markdown("deep.md", &text);
    }
}

#[test]
fn lists_right_under_a_level_are_its_indicators_and_front_matter_may_repeat_the_title() {
    let text = "---\ntitle: 'Ladder'\nlayout: post\n---\n\n# Ladder\n\nWhat it is.\n\n## One\n\n- First.\n\n## Two\n\n1. Second.\n\n## Dimensions\n\n- Speed\n";
    let model = parse_model_markdown("m.md", text).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(model.title, "Ladder");
    assert_eq!(model.summary, "What it is.");
    assert_eq!(model.levels.iter().map(|l| l.indicators.len()).collect::<Vec<_>>(), [1, 1]);
    assert_eq!(model.dimensions[0].id, "speed");
}

#[test]
fn a_long_level_name_is_not_repeated_in_full_in_every_indicator_id() {
    let name = "word ".repeat(30);
    let text = format!("# T\n\n## {name}\n\n- First thing\n- \n\n## B\n\n- b\n");
    let refused = parse_model_markdown("m.md", &text).unwrap_err();
    // The empty item is refused; the ids were made all the same.
    assert!(refused.to_string().contains("indicator statement is empty"), "{refused}");
    let text = format!("# T\n\n## {name}\n\n- First thing\n\n## B\n\n- b\n");
    let model = parse_model_markdown("m.md", &text).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(model.levels[0].id.len(), 149);
    assert_eq!(model.levels[0].indicators[0].id, "word-word-word-word-word-word-word-word-first-thing");
}
