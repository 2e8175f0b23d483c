//! `hourglass score --formula standard|sgl FILE.csv`: points for a pasted list of one async's
//! results, for "what if" questions, without a database.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hourglass_scoring::{CsvError, Formula, ScoredLine, TeamResult, rank, score_csv};

use super::BAD_INPUT;
use crate::cli::ScoreArgs;
use hourglass_sdk::duration::format_duration;

/// Why a what-if list could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum ScoreError {
    #[error("cannot read {path}: {source}")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}, {source}")]
    BadLine { path: PathBuf, source: CsvError },
}

/// Runs the command: the table on standard output, or the problem on standard error.
pub fn run(args: &ScoreArgs) -> ExitCode {
    let formula = Formula::from(args.formula);
    match read(&args.file).and_then(|text| score(formula, &args.file, &text)) {
        Ok(table) => {
            print!("{table}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("hourglass score: {error}");
            ExitCode::from(BAD_INPUT)
        }
    }
}

fn read(path: &Path) -> Result<String, ScoreError> {
    let unreadable = |source| ScoreError::Unreadable {
        path: path.to_owned(),
        source,
    };
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(unreadable)?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(unreadable)
    }
}

/// Scores `text` under `formula` and lays the result out as a table: placement, name, time,
/// points, best first (the event ranking rules applied to this one async).
///
/// # Errors
///
/// The first line that cannot be read.
pub fn score(formula: Formula, path: &Path, text: &str) -> Result<String, ScoreError> {
    let lines = score_csv(formula, text).map_err(|source| ScoreError::BadLine {
        path: path.to_owned(),
        source,
    })?;
    Ok(table(formula, &lines))
}

fn table(formula: Formula, lines: &[ScoredLine]) -> String {
    let teams = lines
        .iter()
        .map(|line| TeamResult {
            name: line.name.clone(),
            per_async: vec![hourglass_scoring::AsyncResult {
                kind: "what-if".into(),
                submitted: true,
                time_s: line.time_s,
                pieces: None,
            }],
        })
        .collect();
    let ranked = rank(formula, false, teams);
    let rows: Vec<[String; 4]> = ranked
        .iter()
        .map(|team| {
            let time = if team.finished > 0 {
                format_duration(chrono::TimeDelta::milliseconds(
                    (team.summed_time_s * 1000.0).round() as i64,
                ))
            } else {
                "DNF".to_owned()
            };
            [
                team.placement.map(|p| p.to_string()).unwrap_or_default(),
                team.name.clone(),
                time,
                format!("{:.2}", team.total_points),
            ]
        })
        .collect();
    let header = ["#", "Team", "Time", "Points"].map(String::from);
    let width = |column: usize| {
        rows.iter()
            .chain(std::iter::once(&header))
            .map(|row| row[column].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2), width(3)];
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let line = format!(
            "{:>w0$}  {:<w1$}  {:>w2$}  {:>w3$}",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3],
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_by_points_and_names_the_bad_line() {
        let text = "name,time\nSlow,1:30:00\nFast,1:00:00\nGone,\n";
        let table = score(Formula::Sgl, Path::new("x.csv"), text).expect("scores");
        let rows: Vec<&str> = table.lines().collect();
        assert_eq!(rows.len(), 4, "{table}");
        assert!(
            rows[1].contains("Fast") && rows[1].contains("110.00"),
            "{table}"
        );
        assert!(
            rows[3].contains("Gone") && rows[3].contains("DNF"),
            "{table}"
        );

        let error = score(Formula::Sgl, Path::new("x.csv"), "A,1:00:00\nB,1:75:00\n")
            .expect_err("minutes of 75");
        assert!(error.to_string().contains("line 2"), "{error}");
    }
}
