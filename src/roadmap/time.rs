//! The time-box in the roadmap's appendix: per level, the time planned and
//! the time actually spent, as plain data; its words are in `wording`.

use super::wording::{ELSEWHERE_ROW, NO_TIME, time_intro};
use crate::workshop::Workshop;
use crate::workshop::timebox::{duration_text, split};

/// Time planned and spent, level by level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeReport {
    pub rows: Vec<TimeRow>,
    /// Seconds spent away from the levels.
    pub elsewhere: u64,
    pub total_spent: u64,
    /// The whole workshop's plan, in seconds.
    pub planned: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeRow {
    pub model: String,
    pub level: String,
    /// The level's share of the plan, in seconds.
    pub planned: Option<u64>,
    pub spent: u64,
}

impl TimeRow {
    pub fn planned_text(&self) -> String {
        self.planned.map_or_else(|| NO_TIME.to_owned(), duration_text)
    }

    /// A dash for a level not reached, as for one without a plan.
    pub fn spent_text(&self) -> String {
        if self.spent == 0 { NO_TIME.to_owned() } else { duration_text(self.spent) }
    }
}

impl TimeReport {
    /// `None` when the workshop had no time-box and no time was recorded.
    pub fn from_workshop(workshop: &Workshop) -> Option<Self> {
        let time = &workshop.timebox;
        if time.is_empty() {
            return None;
        }
        let planned = time.planned_seconds();
        let shares = planned.map(|total| split(total, &workshop.assessments));
        let mut rows = Vec::new();
        for (m, assessment) in workshop.assessments.iter().enumerate() {
            for (l, level) in assessment.model.levels.iter().enumerate() {
                let share = shares.as_ref().and_then(|s| s.get(m)?.get(l).copied());
                let spent = time.spent_on(&assessment.model.id, &level.id);
                if spent > 0 || share.is_some_and(|s| s > 0) {
                    rows.push(TimeRow {
                        model: assessment.model.title.clone(),
                        level: level.name.clone(),
                        planned: share,
                        spent,
                    });
                }
            }
        }
        // Time recorded on levels no longer in the workshop (a model
        // upgraded since) is kept, under the ids it was recorded with.
        for entry in &time.spent {
            let known = workshop
                .assessment(&entry.model_id)
                .is_some_and(|a| a.model.level_index(&entry.level_id).is_some());
            if !known {
                rows.push(TimeRow {
                    model: entry.model_id.clone(),
                    level: entry.level_id.clone(),
                    planned: None,
                    spent: entry.seconds,
                });
            }
        }
        Some(Self { rows, elsewhere: time.spent_elsewhere, total_spent: time.total_spent(), planned })
    }

    /// The sentence above the table.
    pub fn intro(&self) -> String {
        time_intro(self.planned.map(duration_text).as_deref(), &duration_text(self.total_spent))
    }

    /// The last row: time away from the levels.
    pub fn elsewhere_row(&self) -> Option<TimeRow> {
        (self.elsewhere > 0).then(|| TimeRow {
            model: ELSEWHERE_ROW.to_owned(),
            level: String::new(),
            planned: None,
            spent: self.elsewhere,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshop::TimeSlot;
    use crate::workshop::sample::sample_workshop;

    #[test]
    fn the_sample_lists_planned_and_spent_time_per_level() {
        let mut sample = sample_workshop();
        sample.timebox.add(&TimeSlot::Level { model_id: "gone".into(), level_id: "old".into() }, 30);
        let report = TimeReport::from_workshop(&sample).unwrap();
        let planned: u64 = report.rows.iter().filter_map(|r| r.planned).sum();
        assert_eq!(planned, 180 * 60, "every planned second is in a row");
        assert_eq!(report.total_spent, sample.timebox.total_spent());
        let spent: u64 = report.rows.iter().map(|r| r.spent).sum::<u64>() + report.elsewhere;
        assert_eq!(spent, report.total_spent, "every spent second is in a row");
        let kept = report.rows.last().unwrap();
        assert_eq!((kept.model.as_str(), kept.level.as_str(), kept.spent), ("gone", "old", 30));
        assert!(report.intro().starts_with("Planned: 3 h, split"), "{}", report.intro());
        assert_eq!(report.elsewhere_row().unwrap().spent_text(), "14 min");
    }

    #[test]
    fn a_workshop_without_a_time_box_has_no_report() {
        let mut sample = sample_workshop();
        sample.timebox = Default::default();
        assert_eq!(TimeReport::from_workshop(&sample), None);
        sample.timebox.add(&TimeSlot::Elsewhere, 90);
        let report = TimeReport::from_workshop(&sample).unwrap();
        assert!(report.rows.is_empty());
        assert_eq!(report.intro(), "No length was planned for the workshop. Spent: 1 min.");
    }
}
