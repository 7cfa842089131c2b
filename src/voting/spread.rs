//! How a room answered one indicator: counts per answer, nothing that
//! identifies a person. Saved in the workshop file, shown on both windows
//! once revealed, and read by the roadmap for disagreement.

use serde::{Deserialize, Serialize};

use crate::workshop::Answer;

/// Votes (phones) and raised hands (tally keys) per answer for one
/// indicator.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Spread {
    pub yes: u32,
    pub partly: u32,
    pub no: u32,
    pub not_applicable: u32,
}

/// The most votes one indicator's spread keeps per answer: a room is at
/// most a few hundred people, and counts from a file never overflow.
pub const MAX_COUNT: u32 = 100_000;

impl Spread {
    pub fn count(&self, answer: Answer) -> u32 {
        match answer {
            Answer::Yes => self.yes,
            Answer::Partly => self.partly,
            Answer::No => self.no,
            Answer::NotApplicable => self.not_applicable,
        }
    }

    fn slot(&mut self, answer: Answer) -> &mut u32 {
        match answer {
            Answer::Yes => &mut self.yes,
            Answer::Partly => &mut self.partly,
            Answer::No => &mut self.no,
            Answer::NotApplicable => &mut self.not_applicable,
        }
    }

    /// One more vote (or hand) for `answer`.
    pub fn add(&mut self, answer: Answer) {
        let slot = self.slot(answer);
        *slot = (*slot + 1).min(MAX_COUNT);
    }

    /// This spread and `other` together (phones and hands in one room).
    pub fn plus(&self, other: &Spread) -> Spread {
        let mut sum = *self;
        for answer in Answer::ALL {
            let slot = sum.slot(answer);
            *slot = slot.saturating_add(other.count(answer)).min(MAX_COUNT);
        }
        sum
    }

    pub fn total(&self) -> u32 {
        Answer::ALL.iter().map(|a| self.count(*a)).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    /// Each answer with its count, in the order bars are drawn.
    pub fn parts(&self) -> [(Answer, u32); 4] {
        Answer::ALL.map(|answer| (answer, self.count(answer)))
    }

    /// The answer the app suggests: the median vote on the scale Yes,
    /// Partly, No. Not applicable is off that scale: it is suggested only
    /// when more than half the room chose it, and otherwise left out. With
    /// an even number of votes split down the middle, the less met answer
    /// wins: a roadmap should not claim what half the room doubts.
    pub fn median(&self) -> Option<Answer> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        if self.not_applicable * 2 > total {
            return Some(Answer::NotApplicable);
        }
        let on_scale = self.yes + self.partly + self.no;
        if on_scale == 0 {
            return Some(Answer::NotApplicable);
        }
        // The upper of the two middle votes counting from Yes: the one at
        // index on_scale / 2 (0-based), which for an even count is the
        // less met of the two.
        let middle = on_scale / 2;
        if middle < self.yes {
            Some(Answer::Yes)
        } else if middle < self.yes + self.partly {
            Some(Answer::Partly)
        } else {
            Some(Answer::No)
        }
    }

    /// The room disagreed: votes in three or more answers, or no answer
    /// chosen by more than half. Worth a second conversation.
    pub fn is_disagreement(&self) -> bool {
        let total = self.total();
        if total == 0 {
            return false;
        }
        let answers_chosen = Answer::ALL.iter().filter(|a| self.count(**a) > 0).count();
        let largest = Answer::ALL.iter().map(|a| self.count(*a)).max().unwrap_or(0);
        answers_chosen >= 3 || largest * 2 <= total
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn spread(yes: u32, partly: u32, no: u32, not_applicable: u32) -> Spread {
        Spread { yes, partly, no, not_applicable }
    }

    #[test]
    fn the_median_walks_the_scale_and_ties_go_to_the_less_met_answer() {
        assert_eq!(spread(0, 0, 0, 0).median(), None);
        assert_eq!(spread(3, 0, 0, 0).median(), Some(Answer::Yes));
        assert_eq!(spread(2, 1, 2, 0).median(), Some(Answer::Partly));
        assert_eq!(spread(1, 0, 1, 0).median(), Some(Answer::No));
        assert_eq!(spread(2, 1, 0, 0).median(), Some(Answer::Yes));
        assert_eq!(spread(1, 1, 1, 0).median(), Some(Answer::Partly));
        assert_eq!(spread(5, 1, 1, 0).median(), Some(Answer::Yes));
        // Not applicable only with a majority of its own.
        assert_eq!(spread(1, 0, 0, 2).median(), Some(Answer::NotApplicable));
        assert_eq!(spread(1, 1, 0, 2).median(), Some(Answer::Partly));
        assert_eq!(spread(0, 0, 0, 1).median(), Some(Answer::NotApplicable));
    }

    #[test]
    fn disagreement_is_three_answers_or_no_majority() {
        assert!(!spread(0, 0, 0, 0).is_disagreement());
        assert!(!spread(5, 0, 0, 0).is_disagreement());
        assert!(!spread(3, 2, 0, 0).is_disagreement());
        assert!(spread(2, 2, 0, 0).is_disagreement(), "half is not more than half");
        assert!(spread(5, 1, 1, 0).is_disagreement(), "three answers");
        assert!(spread(1, 0, 0, 1).is_disagreement());
        assert!(!spread(4, 0, 0, 1).is_disagreement());
    }

    #[test]
    fn counts_stop_at_the_cap() {
        let mut s = spread(MAX_COUNT, 0, 0, 0);
        s.add(Answer::Yes);
        assert_eq!(s.yes, MAX_COUNT);
        assert_eq!(s.plus(&s).yes, MAX_COUNT);
    }

    proptest! {
        #[test]
        fn the_median_is_an_answer_someone_gave(yes in 0u32..50, partly in 0u32..50, no in 0u32..50, na in 0u32..50) {
            let s = spread(yes, partly, no, na);
            match s.median() {
                None => prop_assert_eq!(s.total(), 0),
                Some(answer) => prop_assert!(s.count(answer) > 0),
            }
        }

        #[test]
        fn a_spread_round_trips_through_ron(yes in 0u32..MAX_COUNT, partly in 0u32..MAX_COUNT, no in 0u32..MAX_COUNT, na in 0u32..MAX_COUNT) {
            let s = spread(yes, partly, no, na);
            let text = ron::to_string(&s).unwrap();
            prop_assert_eq!(ron::from_str::<Spread>(&text).unwrap(), s);
        }
    }
}
