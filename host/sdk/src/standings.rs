//! Standings in time mode: teams that submitted, by the sum of their members' times (more
//! Triforce Blitz pieces first where the event counts them), then teams with a DNF, then
//! teams that have not submitted. Times are read from `async_players`, whichever path
//! (web form or staff command) recorded them, and shown exactly as recorded.

use std::cmp::Ordering;

use chrono::TimeDelta;
use sqlx::postgres::types::PgInterval;
use sqlx::{FromRow, PgExecutor};

use crate::domain::AsyncKind;
use crate::events::interval_to_delta;

/// Where a team stands in one async.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Finished(TimeDelta),
    /// Submitted, but at least one member did not finish.
    Dnf,
    NotSubmitted,
}

/// One line of the standings.
#[derive(Debug, Clone)]
pub struct Standing {
    /// 1-based; equal results share a placement. `None` for teams that are not ranked.
    pub placement: Option<usize>,
    pub team_id: i64,
    pub team_name: String,
    pub outcome: Outcome,
    pub pieces: Option<i16>,
}

#[derive(FromRow)]
struct TeamTotals {
    id: i64,
    name: String,
    submitted: bool,
    pieces: Option<i16>,
    total: Option<PgInterval>,
    timed: i64,
    members: i64,
}

/// The standings of one async of an event.
pub async fn time_standings(
    db: impl PgExecutor<'_>,
    series: &str,
    event: &str,
    kind: AsyncKind,
    counts_pieces: bool,
) -> Result<Vec<Standing>, sqlx::Error> {
    let rows: Vec<TeamTotals> = sqlx::query_as(
        "SELECT teams.id, teams.name, \
                bool_or(async_teams.submitted IS NOT NULL) AS submitted, \
                max(async_teams.pieces) AS pieces, \
                sum(async_players.time) AS total, \
                count(async_players.time) AS timed, \
                count(team_members.member) AS members \
         FROM teams \
         JOIN team_members ON team_members.team = teams.id \
         LEFT JOIN async_teams ON async_teams.team = teams.id AND async_teams.kind = $3 \
         LEFT JOIN async_players ON async_players.player = team_members.member \
              AND async_players.series = teams.series AND async_players.event = teams.event \
              AND async_players.kind = $3 \
         WHERE teams.series = $1 AND teams.event = $2 \
         GROUP BY teams.id",
    )
    .bind(series)
    .bind(event)
    .bind(kind)
    .fetch_all(db)
    .await?;

    let standings = rows
        .into_iter()
        .map(|row| {
            let outcome = match (row.submitted, &row.total) {
                (false, _) => Outcome::NotSubmitted,
                (true, Some(total)) if row.timed == row.members => {
                    Outcome::Finished(interval_to_delta(total))
                }
                (true, _) => Outcome::Dnf,
            };
            Standing {
                placement: None,
                team_id: row.id,
                team_name: row.name,
                outcome,
                pieces: row.pieces,
            }
        })
        .collect();
    Ok(rank(standings, counts_pieces))
}

/// Orders standings and assigns shared placements to equal results.
pub fn rank(mut standings: Vec<Standing>, counts_pieces: bool) -> Vec<Standing> {
    let key = |standing: &Standing| {
        let group = match standing.outcome {
            Outcome::Finished(_) => 0,
            Outcome::Dnf => 1,
            Outcome::NotSubmitted => 2,
        };
        let pieces = if counts_pieces && group == 0 {
            -standing.pieces.unwrap_or(0)
        } else {
            0
        };
        let time = match standing.outcome {
            Outcome::Finished(time) => time,
            _ => TimeDelta::zero(),
        };
        (group, pieces, time)
    };
    standings.sort_by(|a, b| {
        key(a).cmp(&key(b)).then_with(|| {
            a.team_name
                .to_lowercase()
                .cmp(&b.team_name.to_lowercase())
                .then(Ordering::Equal)
        })
    });
    let mut placement = 0;
    let mut previous = None;
    for (index, standing) in standings.iter_mut().enumerate() {
        if !matches!(standing.outcome, Outcome::Finished(_)) {
            continue;
        }
        let this = key(standing);
        if previous != Some(this) {
            placement = index + 1;
            previous = Some(this);
        }
        standing.placement = Some(placement);
    }
    standings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(name: &str, outcome: Outcome, pieces: Option<i16>) -> Standing {
        Standing {
            placement: None,
            team_id: 0,
            team_name: name.into(),
            outcome,
            pieces,
        }
    }

    fn mins(m: i64) -> Outcome {
        Outcome::Finished(TimeDelta::minutes(m))
    }

    #[test]
    fn finishers_then_dnf_then_not_submitted() {
        let ranked = rank(
            vec![
                team("Zelda", Outcome::NotSubmitted, None),
                team("Link", Outcome::Dnf, None),
                team("Impa", mins(90), None),
                team("Epona", mins(80), None),
                team("Navi", mins(90), None),
            ],
            false,
        );
        let names: Vec<_> = ranked.iter().map(|s| s.team_name.as_str()).collect();
        assert_eq!(names, ["Epona", "Impa", "Navi", "Link", "Zelda"]);
        let placements: Vec<_> = ranked.iter().map(|s| s.placement).collect();
        assert_eq!(placements, [Some(1), Some(2), Some(2), None, None]);
    }

    #[test]
    fn more_pieces_first_when_counted() {
        let teams = || {
            vec![
                team("Fast", mins(60), Some(2)),
                team("Thorough", mins(90), Some(3)),
            ]
        };
        let counted: Vec<_> = rank(teams(), true)
            .into_iter()
            .map(|s| s.team_name)
            .collect();
        assert_eq!(counted, ["Thorough", "Fast"]);
        let ignored: Vec<_> = rank(teams(), false)
            .into_iter()
            .map(|s| s.team_name)
            .collect();
        assert_eq!(ignored, ["Fast", "Thorough"]);
    }
}
