//! Timestamps without a date-time dependency: the workshop only needs "now"
//! as RFC 3339 UTC and today's date.

use std::time::{SystemTime, UNIX_EPOCH};

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

/// Whether `text` is a plausible `YYYY-MM-DD` date.
pub fn is_iso_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else { return false };
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    matches!((number(year, 4), number(month, 2), number(day, 2)), (Some(_), Some(1..=12), Some(1..=31)))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn validates_dates() {
        assert!(is_iso_date("2026-11-22"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("22/11/2026"));
        assert!(!is_iso_date(""));
    }
}
