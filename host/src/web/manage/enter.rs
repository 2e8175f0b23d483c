//! Entering a solo event alone: a team of one, named after the person.

use axum::extract::{Path, State};
use axum::response::Redirect;
use serde::Deserialize;

use hourglass_sdk::events::{Event, Team};
use hourglass_sdk::web::{AppState, CsrfForm, CurrentUser, WebError};

/// How many " (n)" suffixes are tried before giving up on a free team name.
const NAME_ATTEMPTS: u32 = 50;

/// The form has nothing but its CSRF token.
#[derive(Debug, Deserialize)]
pub struct EnterForm {}

pub async fn enter(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((series, event)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EnterForm>,
) -> Result<Redirect, WebError> {
    let mut tx = state.db.begin().await?;
    // The shared lock holds the team size and start as checked here until the entry is in
    // (the configuration form locks the row to change them).
    let locked = sqlx::query("SELECT 1 FROM events WHERE series = $1 AND event = $2 FOR SHARE")
        .bind(&series)
        .bind(&event)
        .execute(&mut *tx)
        .await?;
    if locked.rows_affected() == 0 {
        return Err(WebError::NotFound);
    }
    let event = Event::load(&mut *tx, &series, &event)
        .await?
        .ok_or(WebError::NotFound)?;
    if !event.is_solo() {
        return Err(WebError::Refused(format!(
            "{} is played in teams of {}; its organizers add the teams.",
            event.display_name, event.team_size
        )));
    }
    if event.start.is_some_and(|start| state.clock.now() >= start) {
        return Err(WebError::Refused(format!(
            "{} has started, so it takes no new entries.",
            event.display_name
        )));
    }

    // Locking the person's row makes two quick clicks enter once: the second waits, then
    // finds the team the first made.
    sqlx::query("SELECT id FROM users WHERE id = $1 FOR UPDATE")
        .bind(user.id)
        .execute(&mut *tx)
        .await?;
    if let Some(team) = Team::of_user(&mut *tx, &event.series, &event.event, user.id).await? {
        return Err(WebError::Refused(format!(
            "You have already entered {} (as {}).",
            event.display_name, team.name
        )));
    }

    let mut team = None;
    for attempt in 1..=NAME_ATTEMPTS {
        let name = match attempt {
            1 => user.display_name.clone(),
            n => format!("{} ({n})", user.display_name),
        };
        // A name someone else has is skipped without aborting the transaction.
        team = sqlx::query_scalar(
            "INSERT INTO teams (series, event, name) VALUES ($1, $2, $3) \
             ON CONFLICT (series, event, lower(name)) DO NOTHING RETURNING id",
        )
        .bind(&event.series)
        .bind(&event.event)
        .bind(&name)
        .fetch_optional(&mut *tx)
        .await?;
        if team.is_some() {
            break;
        }
    }
    let team: i64 = team.ok_or_else(|| {
        WebError::Internal(format!(
            "no free team name for user {} after {NAME_ATTEMPTS} tries",
            user.id
        ))
    })?;
    sqlx::query("INSERT INTO team_members (team, member) VALUES ($1, $2)")
        .bind(team)
        .bind(user.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;

    tracing::info!(
        event.series = %event.series, event.event = %event.event, user.id = user.id, team.id = team,
        "entered a solo event"
    );
    Ok(Redirect::to(&format!(
        "/event/{}/{}/status",
        event.series, event.event
    )))
}
