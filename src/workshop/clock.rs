//! Timestamps without a date-time dependency: the workshop only needs "now"
//! as RFC 3339 UTC and today's date. And the monotonic clock the time-box
//! runs on, behind a trait so tests run on simulated time.

use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A monotonic clock: the time since some fixed start.
pub trait Clock: Send + Sync {
    fn elapsed(&self) -> Duration;
}

/// The machine's monotonic clock, from when this value was made.
#[derive(Debug)]
pub struct SystemClock {
    start: Instant,
}

impl Default for SystemClock {
    fn default() -> Self {
        Self { start: Instant::now() }
    }
}

impl Clock for SystemClock {
    fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }
}

/// A clock that moves only when told: for tests and benchmarks.
#[derive(Debug, Default)]
pub struct ManualClock {
    now: Mutex<Duration>,
}

impl ManualClock {
    pub fn set(&self, now: Duration) {
        *self.now.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = now;
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.now.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *now += by;
    }
}

impl Clock for ManualClock {
    fn elapsed(&self) -> Duration {
        *self.now.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Days since 1970-01-01 to a civil (proleptic Gregorian) date; Howard
/// Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `YYYY-MM-DDTHH:MM:SSZ` for a Unix time in seconds.
pub fn rfc3339(unix_seconds: i64) -> String {
    let (year, month, day) = civil_from_days(unix_seconds.div_euclid(86_400));
    let secs = unix_seconds.rem_euclid(86_400);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_secs() as i64)
}

pub fn now_rfc3339() -> String {
    rfc3339(unix_now())
}

/// Today's date (UTC), `YYYY-MM-DD`.
pub fn today() -> String {
    now_rfc3339()[..10].to_owned()
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date; Howard Hinnant's
/// `days_from_civil`.
pub fn days_from_iso(text: &str) -> Option<i64> {
    if !is_iso_date(text) {
        return None;
    }
    let year: i64 = text.get(0..4)?.parse().ok()?;
    let month: i64 = text.get(5..7)?.parse().ok()?;
    let day: i64 = text.get(8..10)?.parse().ok()?;
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01.
pub fn iso_from_days(days: i64) -> String {
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

fn digits(text: &str, len: usize) -> Option<u32> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Whether `text` is a `YYYY-MM-DD` date that exists on the calendar.
pub fn is_iso_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else { return false };
    match (digits(year, 4), digits(month, 2), digits(day, 2)) {
        (Some(year), Some(month @ 1..=12), Some(day)) => (1..=days_in_month(year, month)).contains(&day),
        _ => false,
    }
}

/// Whether `text` is an RFC 3339 date and time, `YYYY-MM-DDTHH:MM:SS`
/// with optional fractions of a second, then `Z` or an offset `+HH:MM`:
/// what the app writes (always UTC, `Z`) and what other tools may.
pub fn is_rfc3339(text: &str) -> bool {
    let (Some(date), Some(rest)) = (text.get(..10), text.get(10..)) else { return false };
    let Some(rest) = rest.strip_prefix(['T', 't']) else { return false };
    let zone_at = rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len());
    let (time, zone) = rest.split_at(zone_at);
    let (time, fraction) = time.split_once('.').map_or((time, None), |(t, f)| (t, Some(f)));
    let clock_ok = |text: &str, max_hour: u32| {
        let parts: Vec<&str> = text.split(':').collect();
        match parts.as_slice() {
            [h, m] => matches!((digits(h, 2), digits(m, 2)), (Some(h), Some(0..=59)) if h <= max_hour),
            [h, m, s] => matches!(
                (digits(h, 2), digits(m, 2), digits(s, 2)),
                (Some(h), Some(0..=59), Some(0..=60)) if h <= max_hour
            ),
            _ => false,
        }
    };
    let zone_ok = match zone {
        "Z" | "z" => true,
        _ => zone.strip_prefix(['+', '-']).is_some_and(|offset| offset.len() == 5 && clock_ok(offset, 23)),
    };
    is_iso_date(date)
        && time.len() == 8
        && clock_ok(time, 23)
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
        && zone_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_exist_on_the_calendar() {
        assert!(is_iso_date("2024-02-29"));
        assert!(is_iso_date("2026-12-31"));
        for wrong in [
            "2026-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-1-01",
            "26-01-01",
            "",
            "2026-01-01x",
        ] {
            assert!(!is_iso_date(wrong), "{wrong}");
        }
    }

    #[test]
    fn rfc3339_times() {
        for right in [
            "2026-11-22T10:15:00Z",
            "2026-11-22T10:15:00.125Z",
            "2026-11-22t10:15:00+01:00",
            "2026-11-22T23:59:60-05:30",
        ] {
            assert!(is_rfc3339(right), "{right}");
        }
        for wrong in [
            "2026-11-22",
            "2026-11-22 10:15:00Z",
            "2026-11-22T10:15Z",
            "2026-11-22T24:00:00Z",
            "2026-11-22T10:15:00",
            "2026-11-22T10:15:00.Z",
            "2026-11-22T10:15:00+0100",
            "2026-02-30T10:15:00Z",
            "yesterday",
            "2026-11-22T10:15:00Z ",
        ] {
            assert!(!is_rfc3339(wrong), "{wrong}");
        }
        assert!(is_rfc3339(&now_rfc3339()));
    }

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_391_999), "2026-11-22T23:59:59Z");
    }

    #[test]
    fn dates_become_day_numbers_and_back() {
        assert_eq!(days_from_iso("1970-01-01"), Some(0));
        assert_eq!(days_from_iso("2000-02-29"), Some(11_016));
        assert_eq!(days_from_iso("soon"), None);
        for day in [-1000, 0, 11_016, 20_000, 20_454] {
            assert_eq!(days_from_iso(&iso_from_days(day)), Some(day));
        }
    }

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let clock = ManualClock::default();
        assert_eq!(clock.elapsed(), Duration::ZERO);
        clock.advance(Duration::from_millis(1500));
        clock.advance(Duration::from_millis(500));
        assert_eq!(clock.elapsed(), Duration::from_secs(2));
        clock.set(Duration::from_secs(60));
        assert_eq!(clock.elapsed(), Duration::from_secs(60));
        let system = SystemClock::default();
        assert!(system.elapsed() <= system.elapsed());
    }

    #[test]
    fn validates_dates() {
        assert!(is_iso_date("2026-11-22"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("22/11/2026"));
        assert!(!is_iso_date(""));
    }
}
