//! Ids made from text: kebab-case, the same for the same text, and made
//! unique within their kind by a number when two texts would give one id.

use std::collections::{HashMap, HashSet};

/// Words an id can do without.
const FILLER: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "is", "are", "in", "on", "for", "with", "by", "be", "it",
    "its", "that", "this", "at", "as", "from",
];

/// Latin letters with accents, as their plain letters, so "Équipe" gives
/// "equipe" rather than "quipe".
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à'..='å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è'..='ë' => "e",
        'ì'..='ï' => "i",
        'ñ' => "n",
        'ò'..='ö' | 'ø' => "o",
        'ù'..='ü' => "u",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        'œ' => "oe",
        _ => return None,
    })
}

/// The words of `text` in lowercase ASCII letters and digits.
fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            word.push(c);
        } else if let Some(plain) = fold(c) {
            word.push_str(plain);
        } else if c != '\'' && c != '’' && !word.is_empty() {
            // An apostrophe keeps "you're" one word.
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// `text` as a kebab-case id: "Level 0: Manual" gives "level-0-manual".
pub fn kebab(text: &str) -> String {
    words(text).join("-")
}

/// A short id part from a sentence: its first few words that carry meaning,
/// so "The release is copied by hand to the servers" gives
/// "release-copied-hand-servers".
pub fn short_kebab(sentence: &str, max_words: usize) -> String {
    let all = words(sentence);
    let meaningful: Vec<&String> = all.iter().filter(|word| !FILLER.contains(&word.as_str())).collect();
    let chosen: Vec<&str> = if meaningful.is_empty() {
        all.iter().map(String::as_str).take(max_words).collect()
    } else {
        meaningful.iter().map(|word| word.as_str()).take(max_words).collect()
    };
    // Long words make long ids: stop before 40 characters.
    let mut id = String::new();
    for word in chosen {
        if !id.is_empty() && id.len() + 1 + word.len() > 40 {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(word);
    }
    id
}

/// Hands out ids that are not yet taken.
#[derive(Default)]
pub struct Ids {
    taken: HashSet<String>,
    /// The next number to try for a base, so that a thousand levels named
    /// alike do not try every number each.
    next: HashMap<String, usize>,
}

impl Ids {
    /// Reserves an id given explicitly; derived ids keep out of its way.
    pub fn reserve(&mut self, id: &str) {
        self.taken.insert(id.to_owned());
    }

    /// `base`, or `base-2`, `base-3`... whichever is free first.
    pub fn derive(&mut self, base: &str) -> String {
        let mut id = base.to_owned();
        let mut n = self.next.get(base).copied().unwrap_or(2);
        while self.taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.next.insert(base.to_owned(), n);
        self.taken.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_becomes_kebab_case() {
        assert_eq!(kebab("Level 0: Manual releases"), "level-0-manual-releases");
        assert_eq!(kebab("  Équipe / Ops -- été "), "equipe-ops-ete");
        assert_eq!(kebab("you're operating"), "youre-operating");
        assert_eq!(kebab("!!!"), "");
    }

    #[test]
    fn sentences_give_short_ids() {
        assert_eq!(
            short_kebab("Code, dependencies and configurations are manually copied between environments", 4),
            "code-dependencies-configurations"
        );
        assert_eq!(short_kebab("It is the", 4), "it-is-the");
        assert_eq!(
            short_kebab("Supercalifragilisticexpialidocious antidisestablishmentarianism", 4).len(),
            34
        );
    }

    #[test]
    fn derived_ids_avoid_taken_ones() {
        let mut ids = Ids::default();
        ids.reserve("a");
        assert_eq!(ids.derive("a"), "a-2");
        assert_eq!(ids.derive("a"), "a-3");
        assert_eq!(ids.derive("b"), "b");
    }
}
