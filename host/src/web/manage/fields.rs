//! Checking what staff type into the admin and manage forms: every parser returns either the
//! value or a sentence to show next to the field, and constraint violations from the
//! database are turned into such sentences in one place ([`constraint_message`]).

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};

use hourglass_sdk::duration::{TimeInputError, parse_duration};

/// The `datetime-local` format: what the forms show and what browsers send.
const DATETIME_LOCAL: &str = "%Y-%m-%dT%H:%M";

/// Messages for the fields of one form, by field name; the first message per field wins.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<(String, String)>);

impl FieldErrors {
    /// Records a message for a field unless it already has one.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        let field = field.into();
        if self.get(&field).is_none() {
            self.0.push((field, message.into()));
        }
    }

    /// The message for a field, if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, message)| message.as_str())
    }

    /// Whether a field has a message (for `class="invalid"` in templates).
    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps the value when `result` is fine, else records the message for `field`.
    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        result.map_err(|message| self.add(field, message)).ok()
    }
}

/// A series or event id: 1–8 lowercase ASCII letters or digits (it is part of URLs).
pub fn parse_slug(input: &str, what: &str) -> Result<String, String> {
    let slug = input.trim();
    let valid = (1..=8).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if valid {
        Ok(slug.to_owned())
    } else {
        Err(format!(
            "The {what} id is 1 to 8 lowercase letters or digits, such as \"s\" or \"8\"."
        ))
    }
}

/// A name shown on pages: not blank, at most 100 characters.
pub fn parse_name(input: &str, what: &str) -> Result<String, String> {
    let name = input.trim();
    match name.chars().count() {
        0 => Err(format!("Enter a {what}.")),
        1..=100 => Ok(name.to_owned()),
        _ => Err(format!("Keep the {what} to 100 characters or fewer.")),
    }
}

/// Players per team, 1 to 16.
pub fn parse_team_size(input: &str) -> Result<i16, String> {
    match input.trim().parse::<i16>() {
        Ok(size) if (1..=16).contains(&size) => Ok(size),
        _ => Err("Enter a team size from 1 (solo) to 16.".to_owned()),
    }
}

/// A Discord id (a snowflake): a positive whole number. Discord's ids fit in 63 bits, which
/// is what the `BIGINT` columns hold.
pub fn parse_snowflake(input: &str) -> Result<i64, String> {
    let text = input.trim();
    // Every Discord id has 17 to 20 digits: its first bits are a timestamp since 2015.
    let digits = (17..=20).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    match text.parse::<i64>() {
        Ok(id) if digits && id > 0 => Ok(id),
        _ => Err(format!(
            "\"{}\" is not a Discord id. Discord ids are numbers such as 123456789012345678 \
             (right-click → Copy ID, with developer mode on).",
            shorten(text)
        )),
    }
}

/// An optional Discord id: blank means none.
pub fn parse_optional_snowflake(input: &str) -> Result<Option<i64>, String> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_snowflake(input).map(Some)
    }
}

/// An optional moment typed into a `datetime-local` input, read as UTC.
pub fn parse_datetime(input: &str) -> Result<Option<DateTime<Utc>>, String> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    // Browsers send seconds when the value had them; a typed space instead of "T" is fine too.
    let normalized = text.replacen(' ', "T", 1);
    [DATETIME_LOCAL, "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(&normalized, format).ok())
        .map(|naive| Some(naive.and_utc()))
        .ok_or_else(|| "Enter a date and time (UTC), such as 2026-06-01T18:00.".to_owned())
}

/// A moment as a `datetime-local` input's value (UTC).
pub fn datetime_input(moment: Option<DateTime<Utc>>) -> String {
    moment
        .map(|moment| moment.format(DATETIME_LOCAL).to_string())
        .unwrap_or_default()
}

/// A moment as pages show it.
pub fn show_time(moment: Option<DateTime<Utc>>) -> String {
    moment.map_or_else(String::new, |moment| {
        moment.format("%Y-%m-%d %H:%M UTC").to_string()
    })
}

/// A `max_delay`: blank or `0` is no delay; otherwise a duration such as `1:00:00` or `24h`.
pub fn parse_max_delay(input: &str) -> Result<TimeDelta, String> {
    let text = input.trim();
    if text.is_empty() || text == "0" {
        return Ok(TimeDelta::zero());
    }
    match parse_duration(text) {
        Ok(delay) => Ok(delay),
        // parse_duration refuses zero, which is a finish time's rule, not a delay's.
        Err(TimeInputError::Zero) => Ok(TimeDelta::zero()),
        Err(error) => Err(format!("{}.", capitalize(&error.to_string()))),
    }
}

/// A whole number that must be positive (an ootrandomizer.com seed id), or blank.
pub fn parse_optional_id(input: &str, what: &str) -> Result<Option<i64>, String> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i64>() {
        Ok(id) if id > 0 => Ok(Some(id)),
        _ => Err(format!("The {what} is a positive whole number.")),
    }
}

/// Blank → `None`; otherwise the trimmed text.
pub fn optional_text(input: &str) -> Option<String> {
    let text = input.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The first letter in upper case (error texts of shared parsers start in lower case).
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// User text quoted back in a message, cut so a pasted essay does not flood the page.
pub fn shorten(text: &str) -> String {
    if text.chars().count() <= 40 {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(40).collect::<String>())
    }
}

/// The form field and message for a constraint the database refused, for every constraint
/// these forms can run into; `None` for any other error (which then is an internal error).
pub fn constraint_message(error: &sqlx::Error) -> Option<(&'static str, &'static str)> {
    let constraint = error.as_database_error()?.constraint()?;
    Some(match constraint {
        "events_pkey" => ("event", "This series already has an event with this id."),
        "events_team_size_check" => ("team_size", "Enter a team size from 1 (solo) to 16."),
        "organizers_pkey" => ("organizer", "This person already organizes this event."),
        "organizers_organizer_fkey" => ("organizer", "This person is not known to Hourglass."),
        "teams_name_unique" => ("name", "Another team in this event already has this name."),
        "one_team_per_event" | "team_members_pkey" => (
            "members",
            "One of these people already plays for a team in this event.",
        ),
        "races_team1_fkey" | "races_team2_fkey" => (
            "remove",
            "This team plays in bracket races, so it cannot be removed.",
        ),
        "asyncs_seed_password_check" => (
            "password",
            "A password is six of A, v, >, < and ^ (ocarina buttons).",
        ),
        "asyncs_check" => ("end", "The end must be after the start."),
        "asyncs_max_delay_check" => ("max_delay", "The delay cannot be negative."),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_lowercase_ids() {
        assert_eq!(parse_slug(" s ", "series"), Ok("s".to_owned()));
        assert_eq!(parse_slug("2026", "event"), Ok("2026".to_owned()));
        for bad in ["", "S", "toolongid", "a-b", "é", "a b"] {
            assert!(parse_slug(bad, "series").is_err(), "{bad}");
        }
    }

    #[test]
    fn snowflakes_are_discord_sized_numbers() {
        assert_eq!(
            parse_snowflake(" 123456789012345678 "),
            Ok(123_456_789_012_345_678)
        );
        for bad in [
            "",
            "0",
            "-5",
            "+5",
            "12a",
            "99999999999999999999",
            "@someone",
            "123",
            "1234567890123456",
        ] {
            assert!(parse_snowflake(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_optional_snowflake("  "), Ok(None));
    }

    #[test]
    fn datetimes_are_read_as_utc() {
        let parsed = parse_datetime("2026-06-01T18:30").ok().flatten();
        assert_eq!(datetime_input(parsed), "2026-06-01T18:30");
        assert_eq!(show_time(parsed), "2026-06-01 18:30 UTC");
        assert!(
            parse_datetime("2026-06-01 18:30:15")
                .ok()
                .flatten()
                .is_some()
        );
        assert_eq!(parse_datetime(""), Ok(None));
        assert!(parse_datetime("tomorrow").is_err());
    }

    #[test]
    fn max_delay_allows_blank_and_zero() {
        assert_eq!(parse_max_delay(""), Ok(TimeDelta::zero()));
        assert_eq!(parse_max_delay("0"), Ok(TimeDelta::zero()));
        assert_eq!(parse_max_delay("0:00:00"), Ok(TimeDelta::zero()));
        assert_eq!(parse_max_delay("24h"), Ok(TimeDelta::hours(24)));
        assert_eq!(parse_max_delay("1:00:00"), Ok(TimeDelta::hours(1)));
        assert!(parse_max_delay("-1h").is_err());
        assert!(parse_max_delay("soon").is_err());
    }
}
