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

/// One row of the results query: a team (`part` 0), one of its `async_teams` rows (1), or one
/// of its members with a recorded async (2; `kind` and `time` are null for a member with none).
#[derive(FromRow)]
struct ResultRow {
    part: i32,
    team: i64,
    name: Option<String>,
    kind: Option<AsyncKind>,
    submitted: Option<bool>,
    pieces: Option<i16>,
    member: Option<i64>,
    time: Option<PgInterval>,
}

/// What the rows tell about one team, gathered before the outcomes are decided.
#[derive(Default)]
struct TeamRows {
    name: String,
    /// `async_teams` rows: kind, submitted, pieces.
    asyncs: Vec<(AsyncKind, bool, Option<i16>)>,
    members: Vec<i64>,
    /// Per kind: the sum of the recorded times and how many members have one.
    times: Vec<(AsyncKind, TimeDelta, i64)>,
}

impl TeamRows {
    fn add(&mut self, row: ResultRow) {
        match row.part {
            0 => self.name = row.name.unwrap_or_default(),
            1 => {
                if let Some(kind) = row.kind {
                    let submitted = row.submitted.unwrap_or(false);
                    self.asyncs.push((kind, submitted, row.pieces));
                }
            }
            _ => {
                if let Some(member) = row.member.filter(|m| !self.members.contains(m)) {
                    self.members.push(member);
                }
                let (Some(kind), Some(time)) = (row.kind, row.time) else {
                    return;
                };
                let time = interval_to_delta(&time);
                match self.times.iter_mut().find(|(k, _, _)| *k == kind) {
                    Some((_, total, timed)) => {
                        *total += time;
                        *timed += 1;
                    }
                    None => self.times.push((kind, time, 1)),
                }
            }
        }
    }

    /// A team finished an async when it submitted and every member has a time.
    fn into_results(self, team_id: i64) -> TeamResults {
        let members = self.members.len() as i64;
        let results = self
            .asyncs
            .iter()
            .map(|&(kind, submitted, pieces)| {
                let time = self.times.iter().find(|(k, _, _)| *k == kind);
                let outcome = match time {
                    _ if !submitted => Outcome::NotSubmitted,
                    Some(&(_, total, timed)) if timed == members => Outcome::Finished(total),
                    _ => Outcome::Dnf,
                };
                TeamAsyncResult {
                    kind,
                    outcome,
                    pieces,
                }
            })
            .collect();
        TeamResults {
            team_id,
            team_name: self.name,
            results,
        }
    }
}

impl EventResults {
    /// Every team of the event with its results in all of the event's asyncs, in one query.
    ///
    /// The query only reads rows (teams, their `async_teams` rows, their members' recorded
    /// times); the sums are made here, which on a large event is several times faster than
    /// letting PostgreSQL join and aggregate them. A team finished an async when it submitted
    /// and every member has a time; it is a DNF when it submitted otherwise.
    pub async fn load(
        db: impl PgExecutor<'_>,
        series: &str,
        event: &str,
    ) -> Result<Self, sqlx::Error> {
        let rows: Vec<ResultRow> = sqlx::query_as(include_str!("results.sql"))
            .bind(series)
            .bind(event)
            .fetch_all(db)
            .await?;

        let mut order: Vec<i64> = Vec::new();
        let mut teams: HashMap<i64, TeamRows> = HashMap::new();
        for row in rows {
            let team = teams.entry(row.team).or_insert_with(|| {
                order.push(row.team);
                TeamRows::default()
            });
            team.add(row);
        }
        let teams = order
            .into_iter()
            .filter_map(|id| Some(teams.remove(&id)?.into_results(id)))
            .collect();
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
