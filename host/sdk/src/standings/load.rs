//! Reading results and the event's scoring settings from the database.

use std::collections::HashMap;

use chrono::TimeDelta;
use sqlx::postgres::types::PgInterval;
use sqlx::{FromRow, PgExecutor};

use super::{EventResults, Formula, Outcome, TeamAsyncResult, TeamResults};
use crate::domain::AsyncKind;
use crate::events::interval_to_delta;

/// How an event ranks its results and whether it hides them (columns `events.scoring` and
/// `events.hide_results`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScoringSettings {
    pub formula: Formula,
    /// Hide results from everyone but the organizers until every qualifier window has closed.
    pub hide_results: bool,
}

impl ScoringSettings {
    /// The settings of one event; `None` when there is no such event.
    pub async fn load(
        db: impl PgExecutor<'_>,
        series: &str,
        event: &str,
    ) -> Result<Option<Self>, sqlx::Error> {
        let row: Option<(String, bool)> = sqlx::query_as(
            "SELECT scoring, hide_results FROM events WHERE series = $1 AND event = $2",
        )
        .bind(series)
        .bind(event)
        .fetch_optional(db)
        .await?;
        row.map(|(scoring, hide_results)| {
            let formula = scoring
                .parse()
                .map_err(|error| sqlx::Error::Decode(Box::new(error)))?;
            Ok(Self {
                formula,
                hide_results,
            })
        })
        .transpose()
    }
}

/// One row per team and async it has a row for (or one row with no kind for a team with
/// none): the members' times summed, how many members have a time, and how many members.
#[derive(FromRow)]
struct TeamAsyncRow {
    id: i64,
    name: String,
    kind: Option<AsyncKind>,
    submitted: bool,
    pieces: Option<i16>,
    total: Option<PgInterval>,
    timed: i64,
    members: i64,
}

impl EventResults {
    /// Every team of the event with its results in all of the event's asyncs, in one grouped
    /// query. A team finished an async when it submitted and every member has a time; it is a
    /// DNF when it submitted otherwise.
    pub async fn load(
        db: impl PgExecutor<'_>,
        series: &str,
        event: &str,
    ) -> Result<Self, sqlx::Error> {
        let rows: Vec<TeamAsyncRow> = sqlx::query_as(
            "SELECT teams.id, teams.name, async_teams.kind, \
                    async_teams.submitted IS NOT NULL AS submitted, async_teams.pieces, \
                    sum(async_players.time) AS total, \
                    count(async_players.time) AS timed, \
                    count(team_members.member) AS members \
             FROM teams \
             LEFT JOIN team_members ON team_members.team = teams.id \
             LEFT JOIN async_teams ON async_teams.team = teams.id \
             LEFT JOIN async_players ON async_players.series = teams.series \
                  AND async_players.event = teams.event \
                  AND async_players.player = team_members.member \
                  AND async_players.kind = async_teams.kind \
             WHERE teams.series = $1 AND teams.event = $2 \
             GROUP BY teams.id, async_teams.team, async_teams.kind",
        )
        .bind(series)
        .bind(event)
        .fetch_all(db)
        .await?;

        let mut teams: Vec<TeamResults> = Vec::new();
        let mut index: HashMap<i64, usize> = HashMap::new();
        for row in rows {
            let slot = *index.entry(row.id).or_insert_with(|| {
                teams.push(TeamResults {
                    team_id: row.id,
                    team_name: row.name.clone(),
                    results: Vec::new(),
                });
                teams.len() - 1
            });
            let Some(kind) = row.kind else {
                continue;
            };
            let outcome = match (row.submitted, &row.total) {
                (false, _) => Outcome::NotSubmitted,
                (true, Some(total)) if row.timed == row.members => {
                    Outcome::Finished(interval_to_delta(total))
                }
                (true, _) => Outcome::Dnf,
            };
            teams[slot].results.push(TeamAsyncResult {
                kind,
                outcome,
                pieces: row.pieces,
            });
        }
        Ok(Self { teams })
    }
}

/// One runner's part of a team's result in one async, for the results page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunnerResult {
    pub team_id: i64,
    pub runner: String,
    /// `None` when the runner did not finish.
    pub time: Option<TimeDelta>,
    /// As the team typed it; show it as a link only when it is an `http(s)` URL.
    pub vod: Option<String>,
}

#[derive(FromRow)]
struct RunnerRow {
    team_id: i64,
    runner: String,
    time: Option<PgInterval>,
    vod: Option<String>,
}

impl RunnerResult {
    /// What each runner of a submitted team recorded in one async, by team, then runner name.
    pub async fn for_async(
        db: impl PgExecutor<'_>,
        series: &str,
        event: &str,
        kind: AsyncKind,
    ) -> Result<Vec<Self>, sqlx::Error> {
        let rows: Vec<RunnerRow> = sqlx::query_as(
            "SELECT teams.id AS team_id, users.display_name AS runner, \
                    async_players.time, async_players.vod \
             FROM async_players \
             JOIN team_members ON team_members.member = async_players.player \
             JOIN teams ON teams.id = team_members.team AND teams.series = async_players.series \
                  AND teams.event = async_players.event \
             JOIN async_teams ON async_teams.team = teams.id AND async_teams.kind = $3 \
             JOIN users ON users.id = async_players.player \
             WHERE async_players.series = $1 AND async_players.event = $2 \
               AND async_players.kind = $3 AND async_teams.submitted IS NOT NULL \
             ORDER BY teams.id, users.display_name, users.id",
        )
        .bind(series)
        .bind(event)
        .bind(kind)
        .fetch_all(db)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| Self {
                team_id: row.team_id,
                runner: row.runner,
                time: row.time.as_ref().map(interval_to_delta),
                vod: row.vod,
            })
            .collect())
    }
}
