//! Scoring a pasted `name,h:mm:ss` list: the staff "what if" command.

use std::fmt;

use crate::formula::{Formula, async_points};

/// One scored line of a what-if list.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredLine {
    /// 1-based line number in the input.
    pub line: usize,
    /// Team name, unquoted.
    pub name: String,
    /// Time in seconds; `None` = DNF (blank time).
    pub time_s: Option<f64>,
    /// Points under the chosen formula (see [`async_points`]).
    pub points: f64,
}

/// What is wrong with a line of a what-if list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvErrorKind {
    /// A quoted name has no closing quote (quoted fields cannot span lines).
    UnterminatedQuote,
    /// Something other than a comma follows a closing quote.
    TextAfterQuote,
    /// The line does not have exactly two fields.
    FieldCount(usize),
    /// The name is blank.
    EmptyName,
    /// The time is not `h:mm:ss`; the message says which part is wrong.
    Time(&'static str),
}

/// A what-if list that cannot be read, with the 1-based line it fails on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub kind: CsvErrorKind,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: ", self.line)?;
        match &self.kind {
            CsvErrorKind::UnterminatedQuote => f.write_str("quoted name has no closing quote"),
            CsvErrorKind::TextAfterQuote => f.write_str("unexpected text after closing quote"),
            CsvErrorKind::FieldCount(found) => {
                write!(f, "expected 2 fields (name,time), found {found}")
            }
            CsvErrorKind::EmptyName => f.write_str("name is empty"),
            CsvErrorKind::Time(problem) => f.write_str(problem),
        }
    }
}

impl std::error::Error for CsvError {}

/// Scores a what-if list under `formula`, as if its lines were the entrants of one async.
///
/// Each line is `name,time` with `time` as `h:mm:ss` (see [`parse_hms`]) or blank for a DNF. A
/// name containing commas is written in double quotes, with `""` for a quote inside it;
/// unquoted fields are trimmed. Blank lines are skipped, and the first non-blank line may be
/// the header `name,time`. Errors name the 1-based line, counting every line of the input.
///
/// # Errors
///
/// The first line that cannot be read, as a [`CsvError`].
pub fn score_csv(formula: Formula, csv_text: &str) -> Result<Vec<ScoredLine>, CsvError> {
    let mut lines = Vec::new();
    let mut header_allowed = true;
    for (index, text) in csv_text.lines().enumerate() {
        let line = index + 1;
        if text.trim().is_empty() {
            continue;
        }
        let error = |kind| CsvError { line, kind };
        let fields = split_fields(text).map_err(error)?;
        let [name, time] = <[String; 2]>::try_from(fields)
            .map_err(|fields| error(CsvErrorKind::FieldCount(fields.len())))?;
        if std::mem::take(&mut header_allowed)
            && name.eq_ignore_ascii_case("name")
            && time.eq_ignore_ascii_case("time")
        {
            continue;
        }
        if name.is_empty() {
            return Err(error(CsvErrorKind::EmptyName));
        }
        let time_s = if time.is_empty() {
            None
        } else {
            Some(parse_hms(&time).map_err(|problem| error(CsvErrorKind::Time(problem)))?)
        };
        lines.push(ScoredLine {
            line,
            name,
            time_s,
            points: 0.0,
        });
    }
    let times: Vec<Option<f64>> = lines.iter().map(|line| line.time_s).collect();
    for (line, points) in lines.iter_mut().zip(async_points(formula, &times)) {
        line.points = points;
    }
    Ok(lines)
}

/// Parses a finish time `h:mm:ss` into seconds.
///
/// Hours are any whole number; minutes and seconds are two digits, below 60. Negative and zero
/// times are rejected (a finish takes time).
///
/// # Errors
///
/// What is wrong, e.g. `"minutes must be below 60"`.
pub fn parse_hms(text: &str) -> Result<f64, &'static str> {
    let text = text.trim();
    if text.starts_with('-') {
        return Err("time must not be negative");
    }
    let mut parts = text.split(':');
    let (Some(hours), Some(minutes), Some(seconds), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("time must be h:mm:ss");
    };
    if hours.is_empty() || !hours.bytes().all(|b| b.is_ascii_digit()) {
        return Err("hours must be a whole number");
    }
    let hours: u32 = hours.parse().map_err(|_| "hours are too large")?;
    let minutes = two_digits(minutes).ok_or("minutes must be two digits")?;
    if minutes >= 60 {
        return Err("minutes must be below 60");
    }
    let seconds = two_digits(seconds).ok_or("seconds must be two digits")?;
    if seconds >= 60 {
        return Err("seconds must be below 60");
    }
    let total = hours
        .checked_mul(3600)
        .and_then(|s| s.checked_add(minutes * 60 + seconds))
        .ok_or("hours are too large")?;
    if total == 0 {
        return Err("time must be above 0:00:00");
    }
    Ok(f64::from(total))
}

fn two_digits(text: &str) -> Option<u32> {
    match text.as_bytes() {
        [tens @ b'0'..=b'9', ones @ b'0'..=b'9'] => {
            Some(u32::from(tens - b'0') * 10 + u32::from(ones - b'0'))
        }
        _ => None,
    }
}

/// Splits one line into fields: unquoted fields are trimmed; a quoted field runs to its closing
/// quote, with `""` standing for a quote.
fn split_fields(line: &str) -> Result<Vec<String>, CsvErrorKind> {
    let mut fields = Vec::new();
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start();
        if let Some(quoted) = trimmed.strip_prefix('"') {
            let mut field = String::new();
            let mut chars = quoted.char_indices();
            let after = loop {
                match chars.next() {
                    None => return Err(CsvErrorKind::UnterminatedQuote),
                    Some((i, '"')) if quoted[i + 1..].starts_with('"') => {
                        field.push('"');
                        chars.next();
                    }
                    Some((i, '"')) => break quoted[i + 1..].trim_start(),
                    Some((_, c)) => field.push(c),
                }
            };
            fields.push(field);
            match after.strip_prefix(',') {
                Some(next) => rest = next,
                None if after.is_empty() => return Ok(fields),
                None => return Err(CsvErrorKind::TextAfterQuote),
            }
        } else {
            match rest.split_once(',') {
                Some((field, next)) => {
                    fields.push(field.trim().to_owned());
                    rest = next;
                }
                None => {
                    fields.push(rest.trim().to_owned());
                    return Ok(fields);
                }
            }
        }
    }
}
