//! Adding a team to the event and removing one.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use sqlx::PgPool;

use hourglass_sdk::events::Event;
use hourglass_sdk::web::{AppState, CsrfForm, CurrentUser, PageContext, WebError};

use super::fields::{FieldErrors, constraint_message, parse_name, parse_snowflake};
use super::page::Forms;
use super::{back_to_manage, invalid_form, managed_event};

/// The "Add team" form as typed.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct TeamInput {
    pub name: String,
    /// Discord ids, one per line or separated by commas.
    pub members: String,
}

/// The members' Discord ids, each once and exactly `team_size` of them.
fn parse_members(input: &str, team_size: i16) -> Result<Vec<i64>, String> {
    let mut ids = Vec::new();
    for token in input
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        let id = parse_snowflake(token)?;
        if ids.contains(&id) {
            return Err(format!("{id} is listed twice; list each person once."));
        }
        ids.push(id);
    }
    if ids.len() != usize::try_from(team_size).unwrap_or_default() {
        let wanted = if team_size == 1 {
            "1 Discord id".to_owned()
        } else {
            format!("{team_size} Discord ids")
        };
        return Err(format!(
            "This event has teams of {team_size}: enter {wanted}, one per line ({} given).",
            ids.len()
        ));
    }
    Ok(ids)
}

pub async fn add(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    page: PageContext,
    Path((series, event)): Path<(String, String)>,
    CsrfForm(input): CsrfForm<TeamInput>,
) -> Result<Response, WebError> {
    let event = managed_event(&state, &user, &series, &event).await?;

    let mut errors = FieldErrors::default();
    let name = errors.check("name", parse_name(&input.name, "team name"));
    let members = errors.check("members", parse_members(&input.members, event.team_size));
    if let (Some(name), Some(members)) = (name, members) {
        match store(&state.db, &event, &name, &members).await? {
            None => {
                tracing::info!(
                    event.series = %event.series, event.event = %event.event, user.id = user.id,
                    team.name = %name, "team added"
                );
                return Ok(back_to_manage(&event, "team", "teams"));
            }
            Some((field, message)) => errors.add(field, message),
        }
    }

    let forms = Forms {
        team: Some((input, errors)),
        ..Forms::default()
    };
    invalid_form(&state, page, event, forms).await
}

/// Adds the team in one transaction; `Some((field, message))` when it cannot be added.
async fn store(
    db: &PgPool,
    event: &Event,
    name: &str,
    members: &[i64],
) -> Result<Option<(&'static str, String)>, WebError> {
    let mut tx = db.begin().await?;
    // The team size may have changed since the form was checked; the shared lock holds it
    // still until this team is in (the configuration form locks the row to change it).
    let team_size: i16 = sqlx::query_scalar(
        "SELECT team_size FROM events WHERE series = $1 AND event = $2 FOR SHARE",
    )
    .bind(&event.series)
    .bind(&event.event)
    .fetch_one(&mut *tx)
    .await?;
    if usize::try_from(team_size).ok() != Some(members.len()) {
        let message = format!("This event now has teams of {team_size}; list that many people.");
        return Ok(Some(("members", message)));
    }

    // People who never signed in are known by their id until they do.
    sqlx::query(
        "INSERT INTO users (id, display_name) SELECT id, id::text FROM unnest($1::bigint[]) AS id \
         ON CONFLICT DO NOTHING",
    )
    .bind(members)
    .execute(&mut *tx)
    .await?;
    // Locking the people makes the one-team-per-event check below hold against a team being
    // added for one of them at the same moment (the trigger alone cannot see that).
    sqlx::query("SELECT id FROM users WHERE id = ANY($1) ORDER BY id FOR UPDATE")
        .bind(members)
        .execute(&mut *tx)
        .await?;

    let taken: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT users.id, users.display_name, teams.name FROM team_members \
         JOIN teams ON teams.id = team_members.team JOIN users ON users.id = team_members.member \
         WHERE teams.series = $1 AND teams.event = $2 AND team_members.member = ANY($3) \
         ORDER BY users.display_name",
    )
    .bind(&event.series)
    .bind(&event.event)
    .bind(members)
    .fetch_all(&mut *tx)
    .await?;
    if !taken.is_empty() {
        let who: Vec<String> = taken
            .iter()
            .map(|(id, person, team)| format!("{person} ({id}) already plays for {team}"))
            .collect();
        return Ok(Some((
            "members",
            format!("{} in this event.", who.join("; ")),
        )));
    }
    let inserted = sqlx::query_scalar(
        "INSERT INTO teams (series, event, name) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(&event.series)
    .bind(&event.event)
    .bind(name)
    .fetch_one(&mut *tx)
    .await;
    let team: i64 = match inserted {
        Ok(team) => team,
        Err(error) => {
            return match constraint_message(&error) {
                Some((field, message)) => Ok(Some((field, message.to_owned()))),
                None => Err(error.into()),
            };
        }
    };
    let added = sqlx::query(
        "INSERT INTO team_members (team, member) SELECT $1, member FROM unnest($2::bigint[]) AS member",
    )
    .bind(team)
    .bind(members)
    .execute(&mut *tx)
    .await;
    if let Err(error) = added {
        return match constraint_message(&error) {
            Some((field, message)) => Ok(Some((field, message.to_owned()))),
            None => Err(error.into()),
        };
    }
    tx.commit().await?;
    Ok(None)
}

/// The removal form: a box to tick, so that a stray click removes nothing.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RemoveInput {
    confirm: Option<String>,
}

pub async fn remove(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    page: PageContext,
    Path((series, event, team)): Path<(String, String, i64)>,
    CsrfForm(input): CsrfForm<RemoveInput>,
) -> Result<Response, WebError> {
    let event = managed_event(&state, &user, &series, &event).await?;
    let refusal = if input.confirm.is_none() {
        Some("Tick the box to confirm the removal.".to_owned())
    } else {
        delete(&state.db, &event, team).await?
    };
    match refusal {
        None => {
            tracing::info!(
                event.series = %event.series, event.event = %event.event, user.id = user.id,
                team.id = team, "team removed"
            );
            Ok(back_to_manage(&event, "removed", "teams"))
        }
        Some(message) => {
            let forms = Forms {
                remove_error: Some((team, message)),
                ..Forms::default()
            };
            invalid_form(&state, page, event, forms).await
        }
    }
}

/// Removes the team with its requests and its members' results in this event.
async fn delete(db: &PgPool, event: &Event, team: i64) -> Result<Option<String>, WebError> {
    let mut tx = db.begin().await?;
    // Results are kept per player and event, not per team: they go with the team, or a
    // member's next team would inherit them.
    sqlx::query(
        "DELETE FROM async_players WHERE series = $1 AND event = $2 \
         AND player IN (SELECT member FROM team_members WHERE team = $3)",
    )
    .bind(&event.series)
    .bind(&event.event)
    .bind(team)
    .execute(&mut *tx)
    .await?;
    let deleted = sqlx::query("DELETE FROM teams WHERE id = $1 AND series = $2 AND event = $3")
        .bind(team)
        .bind(&event.series)
        .bind(&event.event)
        .execute(&mut *tx)
        .await;
    match deleted {
        Ok(result) if result.rows_affected() == 0 => Err(WebError::NotFound),
        Ok(_) => {
            tx.commit().await?;
            Ok(None)
        }
        Err(error) => match constraint_message(&error) {
            Some((_, message)) => Ok(Some(message.to_owned())),
            None => Err(error.into()),
        },
    }
}
