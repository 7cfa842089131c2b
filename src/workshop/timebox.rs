//! The time-box: a total time for the workshop, split across models and
//! levels by indicator count, the time actually spent on each level, and a
//! timer that reads an injected clock, so tests run on simulated time.
//!
//! What is saved ([`TimeBox`]) is the plan and the seconds spent per level.
//! The timer itself ([`Timer`]) is not saved: a workshop opens paused.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::types::{Assessment, Workshop};

/// The workshop's time plan and the time spent, saved in the file (format 3).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeBox {
    /// The whole workshop, in minutes; `None` when no time was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_minutes: Option<u32>,
    /// Seconds spent per level, in the order the levels were first visited.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spent: Vec<LevelTime>,
    /// Seconds the timer ran away from the levels: the start screen, the
    /// summary and the roadmap.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub spent_elsewhere: u64,
}

fn is_zero(value: &u64) -> bool {
    *value == 0
}

/// Time spent on one level of one model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelTime {
    pub model_id: String,
    pub level_id: String,
    pub seconds: u64,
}

/// Where the running timer's seconds go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeSlot {
    Level { model_id: String, level_id: String },
    Elsewhere,
}

/// The longest a workshop may be planned for: three days of talking.
pub const MAX_PLANNED_MINUTES: u32 = 72 * 60;

impl TimeBox {
    pub fn is_empty(&self) -> bool {
        self.planned_minutes.is_none() && self.spent.is_empty() && self.spent_elsewhere == 0
    }

    /// Seconds recorded for one level.
    pub fn spent_on(&self, model_id: &str, level_id: &str) -> u64 {
        self.spent.iter().find(|t| t.model_id == model_id && t.level_id == level_id).map_or(0, |t| t.seconds)
    }

    pub fn recorded(&self, slot: &TimeSlot) -> u64 {
        match slot {
            TimeSlot::Level { model_id, level_id } => self.spent_on(model_id, level_id),
            TimeSlot::Elsewhere => self.spent_elsewhere,
        }
    }

    /// Every second recorded, on levels and elsewhere.
    pub fn total_spent(&self) -> u64 {
        self.spent.iter().map(|t| t.seconds).sum::<u64>() + self.spent_elsewhere
    }

    /// Adds `seconds` to a slot; saturating, so a corrupt file's huge
    /// number cannot overflow.
    pub fn add(&mut self, slot: &TimeSlot, seconds: u64) {
        if seconds == 0 {
            return;
        }
        match slot {
            TimeSlot::Elsewhere => self.spent_elsewhere = self.spent_elsewhere.saturating_add(seconds),
            TimeSlot::Level { model_id, level_id } => {
                match self.spent.iter_mut().find(|t| &t.model_id == model_id && &t.level_id == level_id) {
                    Some(entry) => entry.seconds = entry.seconds.saturating_add(seconds),
                    None => self.spent.push(LevelTime {
                        model_id: model_id.clone(),
                        level_id: level_id.clone(),
                        seconds,
                    }),
                }
            }
        }
    }

    pub fn planned_seconds(&self) -> Option<u64> {
        self.planned_minutes.map(|minutes| u64::from(minutes) * 60)
    }
}

/// The planned total split across models and levels by indicator count:
/// `shares[model][level]` in seconds. The shares add up to the total
/// exactly (largest remainder). Levels without indicators get nothing,
/// unless no level anywhere has one, when the time is split evenly.
pub fn split(total_seconds: u64, assessments: &[Assessment]) -> Vec<Vec<u64>> {
    let weights: Vec<Vec<u64>> = assessments
        .iter()
        .map(|a| a.model.levels.iter().map(|l| l.indicators.len() as u64).collect())
        .collect();
    let all_zero = weights.iter().flatten().all(|w| *w == 0);
    let weights: Vec<Vec<u64>> =
        if all_zero { weights.iter().map(|levels| vec![1; levels.len()]).collect() } else { weights };
    let sum: u64 = weights.iter().flatten().sum();
    if sum == 0 {
        return weights;
    }
    let total = u128::from(total_seconds);
    let sum = u128::from(sum);
    let mut shares: Vec<Vec<u64>> = weights
        .iter()
        .map(|levels| levels.iter().map(|w| (total * u128::from(*w) / sum) as u64).collect())
        .collect();
    let given: u64 = shares.iter().flatten().sum();
    let mut remainders: Vec<(u128, usize, usize)> = weights
        .iter()
        .enumerate()
        .flat_map(|(m, levels)| {
            levels.iter().enumerate().map(move |(l, w)| ((total * u128::from(*w)) % sum, m, l))
        })
        .collect();
    // Largest remainder first; among equals, the earlier level.
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    for (_, m, l) in remainders.into_iter().take((total_seconds - given) as usize) {
        shares[m][l] += 1;
    }
    shares
}

/// The time-box as the screens show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeStatus {
    /// Seconds spent on what is on screen (a level, or elsewhere).
    pub spent: u64,
    /// That level's share of the plan; `None` without a plan or off the levels.
    pub share: Option<u64>,
    /// Seconds spent in the whole workshop.
    pub total_spent: u64,
    pub planned: Option<u64>,
    pub running: bool,
}

impl TimeStatus {
    pub fn pace(&self) -> Option<Pace> {
        self.share.map(|share| Pace::of(self.spent, share))
    }

    /// Seconds left of the share; negative once over.
    pub fn left(&self) -> Option<i64> {
        self.share.map(|share| share as i64 - self.spent as i64)
    }

    /// Nothing to show: no plan, nothing spent, not running.
    pub fn is_idle(&self) -> bool {
        self.planned.is_none() && self.total_spent == 0 && !self.running
    }
}

/// `slot`'s spent time and share in `workshop`, with `unrecorded` seconds
/// the running timer has not handed out yet.
pub fn status(workshop: &Workshop, slot: &TimeSlot, unrecorded: u64, running: bool) -> TimeStatus {
    let time = &workshop.timebox;
    let planned = time.planned_seconds();
    let share = match (planned, slot) {
        (Some(planned), TimeSlot::Level { model_id, level_id }) => {
            let model = workshop.assessments.iter().position(|a| &a.model.id == model_id);
            model.and_then(|model| {
                let level = workshop.assessments[model].model.level_index(level_id)?;
                split(planned, &workshop.assessments).get(model)?.get(level).copied()
            })
        }
        _ => None,
    };
    TimeStatus {
        spent: time.recorded(slot).saturating_add(unrecorded),
        share,
        total_spent: time.total_spent().saturating_add(unrecorded),
        planned,
        running,
    }
}

/// How a level's time stands against its share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    /// Under 80% of the share.
    OnTime,
    /// Past 80%: time to wrap up.
    NearlyOver,
    /// Past 100%.
    Over,
}

impl Pace {
    pub fn of(spent: u64, share: u64) -> Pace {
        // Integer arithmetic: "past 80%" is spent * 5 > share * 4.
        if u128::from(spent) > u128::from(share) {
            Pace::Over
        } else if u128::from(spent) * 5 > u128::from(share) * 4 {
            Pace::NearlyOver
        } else {
            Pace::OnTime
        }
    }
}

/// `m:ss` under an hour, `h:mm:ss` from an hour on.
pub fn clock_text(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
}

/// `1 h 30 min`, `45 min`, `30 s`: a duration for reading in a report.
pub fn duration_text(seconds: u64) -> String {
    let (h, m) = (seconds / 3600, seconds / 60 % 60);
    match (h, m) {
        (0, 0) => format!("{seconds} s"),
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Reads a planned time typed by the facilitator: minutes (`90`) or
/// hours and minutes (`1:30`); blank means no time-box.
pub fn parse_planned(text: &str) -> Result<Option<u32>, &'static str> {
    const HOW: &str = "Write the time as minutes (90) or hours:minutes (1:30).";
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let digits = |s: &str| !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit());
    let minutes = match text.split_once(':') {
        None if digits(text) => text.parse::<u32>().map_err(|_| HOW)?,
        Some((h, m)) if digits(h) && m.len() == 2 && digits(m) => {
            let (h, m) = (h.parse::<u32>().map_err(|_| HOW)?, m.parse::<u32>().map_err(|_| HOW)?);
            if m >= 60 {
                return Err(HOW);
            }
            h * 60 + m
        }
        _ => return Err(HOW),
    };
    if minutes == 0 {
        return Err("A time-box needs at least one minute; leave it blank for none.");
    }
    if minutes > MAX_PLANNED_MINUTES {
        return Err(
            "That is longer than three days; write the time in minutes (90) or hours:minutes (1:30).",
        );
    }
    Ok(Some(minutes))
}

/// The running clock: started and paused by the facilitator, its seconds
/// recorded into a [`TimeBox`] as whole seconds. It holds clock readings
/// only; the caller passes the time (from a [`super::clock::Clock`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timer {
    running: Option<Running>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Running {
    slot: TimeSlot,
    /// The clock reading up to which time has been handed out.
    since: Duration,
}

impl Timer {
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    pub fn slot(&self) -> Option<&TimeSlot> {
        self.running.as_ref().map(|r| &r.slot)
    }

    pub fn start(&mut self, slot: TimeSlot, now: Duration) {
        if self.running.is_none() {
            self.running = Some(Running { slot, since: now });
        }
    }

    /// Stops the clock; returns the whole seconds not yet handed out, and
    /// where they go. The fraction of a second left over is dropped.
    pub fn pause(&mut self, now: Duration) -> Option<(TimeSlot, u64)> {
        let running = self.running.take()?;
        let seconds = now.saturating_sub(running.since).as_secs();
        Some((running.slot, seconds))
    }

    /// Hands out the whole seconds run so far (the fraction carries on) and
    /// moves the clock to `slot`, which may be the same one.
    pub fn take(&mut self, slot: TimeSlot, now: Duration) -> Option<(TimeSlot, u64)> {
        let running = self.running.as_mut()?;
        let seconds = now.saturating_sub(running.since).as_secs();
        running.since += Duration::from_secs(seconds);
        let previous = std::mem::replace(&mut running.slot, slot);
        Some((previous, seconds))
    }

    /// Time run and not yet handed out.
    pub fn unrecorded(&self, now: Duration) -> Duration {
        self.running.as_ref().map_or(Duration::ZERO, |r| now.saturating_sub(r.since))
    }

    /// How long until the shown seconds tick over: the one repaint a
    /// running timer asks for. `None` while paused.
    pub fn until_next_second(&self, now: Duration) -> Option<Duration> {
        let unrecorded = self.unrecorded(now);
        self.running.as_ref().map(|_| Duration::from_secs(unrecorded.as_secs() + 1) - unrecorded)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::workshop::scoring_fixtures::small_model;

    fn level(model: &str, level: &str) -> TimeSlot {
        TimeSlot::Level { model_id: model.into(), level_id: level.into() }
    }

    #[test]
    fn the_split_follows_indicator_counts_and_adds_up() {
        let model = Arc::new(small_model());
        let counts: Vec<u64> = model.levels.iter().map(|l| l.indicators.len() as u64).collect();
        let assessments = vec![Assessment::new(model.clone()), Assessment::new(model)];
        for total in [0, 1, 7, 3600, 7201] {
            let shares = split(total, &assessments);
            assert_eq!(shares.iter().flatten().sum::<u64>(), total, "{total}");
            let all: u64 = counts.iter().sum::<u64>() * 2;
            for (index, count) in counts.iter().enumerate() {
                let exact = total as f64 * *count as f64 / all as f64;
                assert!((shares[0][index] as f64 - exact).abs() < 1.0, "{total}: {shares:?}");
            }
        }
    }

    #[test]
    fn levels_without_indicators_get_nothing_unless_none_has_any() {
        let mut model = small_model();
        model.levels[0].indicators.clear();
        let shares = split(600, &[Assessment::new(Arc::new(model.clone()))]);
        assert_eq!(shares[0][0], 0);
        assert_eq!(shares[0].iter().sum::<u64>(), 600);
        for level in &mut model.levels {
            level.indicators.clear();
        }
        let shares = split(600, &[Assessment::new(Arc::new(model.clone()))]);
        let even = 600 / model.levels.len() as u64;
        assert!(shares[0].iter().all(|s| s.abs_diff(even) <= 1), "{shares:?}");
        assert!(split(600, &[]).is_empty());
    }

    #[test]
    fn pace_turns_amber_past_80_and_red_past_100_percent() {
        assert_eq!(Pace::of(0, 100), Pace::OnTime);
        assert_eq!(Pace::of(80, 100), Pace::OnTime);
        assert_eq!(Pace::of(81, 100), Pace::NearlyOver);
        assert_eq!(Pace::of(100, 100), Pace::NearlyOver);
        assert_eq!(Pace::of(101, 100), Pace::Over);
        assert_eq!(Pace::of(1, 0), Pace::Over);
        assert_eq!(Pace::of(0, 0), Pace::OnTime);
        assert_eq!(Pace::of(u64::MAX, u64::MAX), Pace::NearlyOver);
    }

    #[test]
    fn the_timer_hands_out_whole_seconds_and_carries_the_fraction() {
        let mut timer = Timer::default();
        let ms = Duration::from_millis;
        assert_eq!(timer.take(level("m", "a"), ms(5_000)), None, "paused: nothing to hand out");
        timer.start(level("m", "a"), ms(1_000));
        assert_eq!(timer.until_next_second(ms(1_250)), Some(ms(750)));
        assert_eq!(timer.take(level("m", "b"), ms(3_500)), Some((level("m", "a"), 2)));
        // The half second carries on to the next level.
        assert_eq!(timer.take(level("m", "b"), ms(4_000)), Some((level("m", "b"), 1)));
        assert_eq!(timer.pause(ms(6_900)), Some((level("m", "b"), 2)));
        assert!(!timer.is_running());
        assert_eq!(timer.until_next_second(ms(7_000)), None);
        // A clock that goes backwards (a test's, or a bad one) hands out nothing.
        timer.start(TimeSlot::Elsewhere, ms(10_000));
        assert_eq!(timer.pause(ms(9_000)), Some((TimeSlot::Elsewhere, 0)));
    }

    #[test]
    fn time_is_recorded_per_level_and_elsewhere() {
        let mut time = TimeBox::default();
        assert!(time.is_empty());
        time.add(&level("m", "a"), 30);
        time.add(&level("m", "a"), 15);
        time.add(&level("m", "b"), 5);
        time.add(&TimeSlot::Elsewhere, 60);
        time.add(&level("m", "c"), 0);
        assert_eq!(time.spent_on("m", "a"), 45);
        assert_eq!(time.recorded(&level("m", "b")), 5);
        assert_eq!(time.spent.len(), 2, "nothing recorded for zero seconds");
        assert_eq!(time.total_spent(), 110);
        time.add(&level("m", "a"), u64::MAX);
        assert_eq!(time.spent_on("m", "a"), u64::MAX);
    }

    #[test]
    fn planned_times_are_read_as_minutes_or_hours_and_minutes() {
        assert_eq!(parse_planned(""), Ok(None));
        assert_eq!(parse_planned(" 90 "), Ok(Some(90)));
        assert_eq!(parse_planned("1:30"), Ok(Some(90)));
        assert_eq!(parse_planned("2:05"), Ok(Some(125)));
        for bad in ["0", "1:60", "1:5", "abc", "-5", "1.5", ":30", "99999999999", "4321"] {
            assert!(parse_planned(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_planned("72:00"), Ok(Some(MAX_PLANNED_MINUTES)));
    }

    #[test]
    fn the_status_adds_the_running_seconds_to_the_level_s_record() {
        let model = Arc::new(small_model());
        let mut workshop = Workshop::new(Default::default(), vec![model.clone()], "t");
        let slot = level(&model.id, &model.levels[0].id);
        let idle = status(&workshop, &slot, 0, false);
        assert!(idle.is_idle());
        assert_eq!(idle.share, None);
        workshop.timebox.planned_minutes = Some(10);
        workshop.timebox.add(&slot, 100);
        workshop.timebox.add(&TimeSlot::Elsewhere, 20);
        let shown = status(&workshop, &slot, 5, true);
        let share = split(600, &workshop.assessments)[0][0];
        assert_eq!(shown.share, Some(share));
        assert_eq!(shown.spent, 105);
        assert_eq!(shown.total_spent, 125);
        assert_eq!(shown.left(), Some(share as i64 - 105));
        assert_eq!(shown.pace(), Some(Pace::of(105, share)));
        let elsewhere = status(&workshop, &TimeSlot::Elsewhere, 0, false);
        assert_eq!((elsewhere.spent, elsewhere.share), (20, None));
        let gone = status(&workshop, &level("gone", "x"), 0, false);
        assert_eq!((gone.spent, gone.share), (0, None));
    }

    #[test]
    fn times_read_well() {
        assert_eq!(clock_text(0), "0:00");
        assert_eq!(clock_text(754), "12:34");
        assert_eq!(clock_text(3_723), "1:02:03");
        assert_eq!(duration_text(42), "42 s");
        assert_eq!(duration_text(600), "10 min");
        assert_eq!(duration_text(7_200), "2 h");
        assert_eq!(duration_text(5_460), "1 h 31 min");
    }
}
