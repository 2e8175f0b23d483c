//! `standings.csv`: the standings export as a spreadsheet reads it.
//!
//! One line per team, in ranking order: `placement,team,total_points,finished,total_time`
//! (`total_points` only under a points formula, then `pieces` where the event counts them),
//! then per qualifier `{kind}_status,{kind}_time,{kind}_points` (points only under a points
//! formula, then `{kind}_pieces` where counted). While the results are hidden from the reader:
//! `team` and `{kind}_submitted` (`yes`/`no`) only, alphabetically.

use std::fmt::Write;

use super::Access;
use super::export::{AsyncResultExport, StandingsExport, TeamExport};

/// The standings export as CSV text (RFC 4180 quoting, `\n` line ends). `access` must be the
/// one the export was made with.
pub fn standings_csv(export: &StandingsExport, access: Access) -> String {
    let points = export.formula.awards_points();
    let pieces = export.counts_pieces;

    let mut header: Vec<String> = Vec::new();
    if let Access::Full { .. } = access {
        header.extend(["placement", "team"].map(String::from));
        if points {
            header.push("total_points".into());
        }
        header.extend(["finished", "total_time"].map(String::from));
        if pieces {
            header.push("pieces".into());
        }
        for kind in &export.asyncs {
            let kind = kind.as_str();
            header.extend([format!("{kind}_status"), format!("{kind}_time")]);
            if points {
                header.push(format!("{kind}_points"));
            }
            if pieces {
                header.push(format!("{kind}_pieces"));
            }
        }
    } else {
        header.push("team".into());
        for kind in &export.asyncs {
            header.push(format!("{}_submitted", kind.as_str()));
        }
    }

    let mut out = String::new();
    push_line(&mut out, &header);
    for team in &export.teams {
        let mut cells: Vec<String> = Vec::new();
        match team {
            TeamExport::Ranked(team) => {
                cells.push(team.placement.map(|p| p.to_string()).unwrap_or_default());
                cells.push(team.name.clone());
                if points {
                    cells.push(number(team.total_points));
                }
                cells.push(team.finished.to_string());
                cells.push(team.total_time.clone().unwrap_or_default());
                if pieces {
                    cells.push(team.pieces.map(|p| p.to_string()).unwrap_or_default());
                }
                for result in &team.results {
                    async_cells(&mut cells, result, points, pieces);
                }
            }
            TeamExport::Submitted(team) => {
                cells.push(team.name.clone());
                for kind in &export.asyncs {
                    let yes = team.submitted.contains(kind);
                    cells.push(if yes { "yes" } else { "no" }.into());
                }
            }
        }
        push_line(&mut out, &cells);
    }
    out
}

fn async_cells(cells: &mut Vec<String>, result: &AsyncResultExport, points: bool, pieces: bool) {
    cells.push(result.status.as_str().into());
    cells.push(result.time.clone().unwrap_or_default());
    if points {
        cells.push(number(result.points));
    }
    if pieces {
        cells.push(result.pieces.map(|p| p.to_string()).unwrap_or_default());
    }
}

/// Points to three decimals; blank when there are none.
fn number(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.3}")).unwrap_or_default()
}

fn push_line(out: &mut String, cells: &[String]) {
    for (index, cell) in cells.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        // Writing to a String cannot fail.
        let _ = write!(out, "{}", field(cell));
    }
    out.push('\n');
}

/// One CSV field. Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first)
/// gets a leading `'`, since team names are typed by anyone; fields with commas, quotes or line
/// breaks are quoted.
pub fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) || text.trim() != text {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("Bottle Boys"), "Bottle Boys");
        assert_eq!(field("Zora, Inc."), "\"Zora, Inc.\"");
        assert_eq!(field("The \"Best\""), "\"The \"\"Best\"\"\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(field("a\nb"), "\"a\nb\"");
    }
}
