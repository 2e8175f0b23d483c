//! Finish times as runners type them and as pages show them.
//!
//! Accepted: `1:23:45` (hours, minutes, seconds), `83:45` (minutes, seconds) and
//! `1h 23m 45s` (any of the parts, in that order). In every form a part that follows a
//! larger unit is below 60. Nothing negative, nothing that is not a time, nothing over
//! 72 hours.

use std::fmt;

use chrono::TimeDelta;

/// Why a typed time was not accepted; the text is shown to the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeInputError {
    #[error("enter a time such as 1:23:45, 83:45 or 1h 23m 45s")]
    NotATime,
    #[error("a time cannot be negative")]
    Negative,
    #[error("minutes and seconds must be below 60 (as in 1:23:45)")]
    PartTooLarge,
    #[error("a finish time must be longer than zero")]
    Zero,
    #[error("that time is longer than any race (over 72 hours)")]
    TooLong,
}

/// No async run takes three days; a longer time is a typing mistake.
const MAX_SECONDS: i64 = 72 * 3600;

/// Parses a finish time. Blank input is not a time: callers decide what blank means.
pub fn parse_duration(input: &str) -> Result<TimeDelta, TimeInputError> {
    let input = input.trim();
    if input.starts_with('-') || input.starts_with('\u{2212}') {
        return Err(TimeInputError::Negative);
    }
    let seconds = if input.contains(':') {
        parse_colon_form(input)?
    } else {
        parse_unit_form(input)?
    };
    if seconds == 0 {
        return Err(TimeInputError::Zero);
    }
    if seconds > MAX_SECONDS {
        return Err(TimeInputError::TooLong);
    }
    Ok(TimeDelta::seconds(seconds))
}

fn parse_number(part: &str) -> Result<i64, TimeInputError> {
    if part.is_empty() || part.len() > 7 || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TimeInputError::NotATime);
    }
    part.parse().map_err(|_| TimeInputError::NotATime)
}

fn parse_colon_form(input: &str) -> Result<i64, TimeInputError> {
    let parts = input
        .split(':')
        .map(parse_number)
        .collect::<Result<Vec<_>, _>>()?;
    let (first, rest) = match parts.as_slice() {
        [h, m, s] => (h * 3600, [*m, *s]),
        [m, s] => (m * 60, [0, *s]),
        _ => return Err(TimeInputError::NotATime),
    };
    if rest.iter().any(|&part| part >= 60) {
        return Err(TimeInputError::PartTooLarge);
    }
    Ok(first + rest[0] * 60 + rest[1])
}

fn parse_unit_form(input: &str) -> Result<i64, TimeInputError> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let mut total = 0;
    let mut last_unit = 0;
    let mut number = String::new();
    for c in compact.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let (rank, factor) = match c.to_ascii_lowercase() {
            'h' => (1, 3600),
            'm' => (2, 60),
            's' => (3, 1),
            _ => return Err(TimeInputError::NotATime),
        };
        if rank <= last_unit {
            return Err(TimeInputError::NotATime);
        }
        let value = parse_number(&number)?;
        if last_unit > 0 && value >= 60 {
            return Err(TimeInputError::PartTooLarge);
        }
        total += value * factor;
        number.clear();
        last_unit = rank;
    }
    if !number.is_empty() || last_unit == 0 {
        return Err(TimeInputError::NotATime);
    }
    Ok(total)
}

/// Shows a duration as `h:mm:ss`, the way every page and message writes finish times.
#[derive(Debug, Clone, Copy)]
pub struct Hms(pub TimeDelta);

impl fmt::Display for Hms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.0.num_seconds();
        let sign = if total < 0 { "-" } else { "" };
        let total = total.abs();
        write!(
            f,
            "{sign}{}:{:02}:{:02}",
            total / 3600,
            total / 60 % 60,
            total % 60
        )
    }
}

/// Formats a duration as `h:mm:ss`.
pub fn format_duration(duration: TimeDelta) -> String {
    Hms(duration).to_string()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn secs(input: &str) -> Result<i64, TimeInputError> {
        parse_duration(input).map(|d| d.num_seconds())
    }

    #[test]
    fn accepts_the_three_forms() {
        assert_eq!(secs("1:23:45"), Ok(5025));
        assert_eq!(secs("83:45"), Ok(5025));
        assert_eq!(secs("1h 23m 45s"), Ok(5025));
        assert_eq!(secs("1h23m45s"), Ok(5025));
        assert_eq!(secs("2h"), Ok(7200));
        assert_eq!(secs("45m 3s"), Ok(2703));
        assert_eq!(secs(" 0:59:59 "), Ok(3599));
    }

    #[test]
    fn refuses_what_is_not_a_time() {
        assert_eq!(secs("-1:23:45"), Err(TimeInputError::Negative));
        assert_eq!(secs("1:60:00"), Err(TimeInputError::PartTooLarge));
        assert_eq!(secs("1:23:60"), Err(TimeInputError::PartTooLarge));
        assert_eq!(secs("83:75"), Err(TimeInputError::PartTooLarge));
        assert_eq!(secs("fast"), Err(TimeInputError::NotATime));
        assert_eq!(secs(""), Err(TimeInputError::NotATime));
        assert_eq!(secs("1:2:3:4"), Err(TimeInputError::NotATime));
        assert_eq!(secs("1::3"), Err(TimeInputError::NotATime));
        assert_eq!(secs("1.5:00"), Err(TimeInputError::NotATime));
        assert_eq!(secs("23m 1h"), Err(TimeInputError::NotATime));
        assert_eq!(secs("1h 2"), Err(TimeInputError::NotATime));
        assert_eq!(secs("0:00:00"), Err(TimeInputError::Zero));
        assert_eq!(secs("99999:00:00"), Err(TimeInputError::TooLong));
        assert_eq!(secs("73:00:00"), Err(TimeInputError::TooLong));
        assert_eq!(secs("1h 75m"), Err(TimeInputError::PartTooLarge));
        assert_eq!(secs("1m 75s"), Err(TimeInputError::PartTooLarge));
        assert_eq!(
            secs("95m"),
            Ok(5700),
            "a leading unit may be as large as it likes"
        );
    }

    #[test]
    fn formats_as_h_mm_ss() {
        assert_eq!(format_duration(TimeDelta::seconds(5025)), "1:23:45");
        assert_eq!(format_duration(TimeDelta::seconds(59)), "0:00:59");
        assert_eq!(format_duration(TimeDelta::seconds(36_000)), "10:00:00");
    }

    proptest! {
        #[test]
        fn formatted_times_parse_back(seconds in 1_i64..MAX_SECONDS) {
            let shown = format_duration(TimeDelta::seconds(seconds));
            prop_assert_eq!(secs(&shown), Ok(seconds));
        }

        #[test]
        fn the_three_forms_agree(h in 0_i64..72, m in 0_i64..60, s in 0_i64..60) {
            prop_assume!(h + m + s > 0);
            let colon = secs(&format!("{h}:{m:02}:{s:02}"));
            let minutes = secs(&format!("{}:{s:02}", h * 60 + m));
            let units = secs(&format!("{h}h {m}m {s}s"));
            prop_assert_eq!(colon.clone(), Ok(h * 3600 + m * 60 + s));
            prop_assert_eq!(colon.clone(), minutes);
            prop_assert_eq!(colon, units);
        }

        #[test]
        fn arbitrary_text_never_panics_and_never_goes_negative(input in ".{0,24}") {
            if let Ok(duration) = parse_duration(&input) {
                prop_assert!(duration.num_seconds() > 0);
            }
        }

        #[test]
        fn colon_parts_of_60_or_more_are_refused(h in 0_i64..10, m in 60_i64..1000, s in 0_i64..60) {
            prop_assert_eq!(secs(&format!("{h}:{m}:{s:02}")), Err(TimeInputError::PartTooLarge));
        }
    }
}
