//! The list of the event's teams: members and where each team stands in each async.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::events::Event;

use super::fields::show_time;

/// One team in the list.
pub struct TeamLine {
    pub id: i64,
    pub name: String,
    pub members: Vec<String>,
    /// The team's state in each of the event's asyncs, in the order of the table's columns.
    pub states: Vec<String>,
    pub remove_error: Option<String>,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    team: i64,
    display_name: String,
}

#[derive(sqlx::FromRow)]
struct ProgressRow {
    team: i64,
    kind: AsyncKind,
    requested: Option<DateTime<Utc>>,
    submitted: Option<DateTime<Utc>>,
}

/// Every team of the event with its members and its state in each of `kinds`.
pub async fn team_lines(
    db: &PgPool,
    event: &Event,
    kinds: &[AsyncKind],
) -> Result<Vec<TeamLine>, sqlx::Error> {
    let teams: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM teams WHERE series = $1 AND event = $2 ORDER BY name, id",
    )
    .bind(&event.series)
    .bind(&event.event)
    .fetch_all(db)
    .await?;
    let members: Vec<MemberRow> = sqlx::query_as(
        "SELECT teams.id AS team, users.display_name FROM teams \
         JOIN team_members ON team_members.team = teams.id \
         JOIN users ON users.id = team_members.member \
         WHERE teams.series = $1 AND teams.event = $2 ORDER BY users.display_name, users.id",
    )
    .bind(&event.series)
    .bind(&event.event)
    .fetch_all(db)
    .await?;
    let progress: Vec<ProgressRow> = sqlx::query_as(
        "SELECT async_teams.team, async_teams.kind, async_teams.requested, async_teams.submitted \
         FROM async_teams JOIN teams ON teams.id = async_teams.team \
         WHERE teams.series = $1 AND teams.event = $2",
    )
    .bind(&event.series)
    .bind(&event.event)
    .fetch_all(db)
    .await?;

    let mut names: HashMap<i64, Vec<String>> = HashMap::new();
    for member in members {
        names
            .entry(member.team)
            .or_default()
            .push(member.display_name);
    }
    let progress: HashMap<(i64, AsyncKind), &ProgressRow> = progress
        .iter()
        .map(|row| ((row.team, row.kind), row))
        .collect();
    Ok(teams
        .into_iter()
        .map(|(id, name)| TeamLine {
            id,
            name,
            members: names.remove(&id).unwrap_or_default(),
            states: kinds
                .iter()
                .map(|kind| state_text(progress.get(&(id, *kind))))
                .collect(),
            remove_error: None,
        })
        .collect())
}

fn state_text(row: Option<&&ProgressRow>) -> String {
    match row.map(|row| (row.requested, row.submitted)) {
        Some((_, Some(submitted))) => format!("submitted {}", show_time(Some(submitted))),
        Some((Some(requested), None)) => format!("requested {}", show_time(Some(requested))),
        _ => "not requested".to_owned(),
    }
}
