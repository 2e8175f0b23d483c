//! Storing a web submission: the members' times, the team's submission, and the Discord
//! notices that follow it, in one transaction.

use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::notices;
use hourglass_sdk::web::{AppState, WebError};

use crate::submit::MemberEntry;
use crate::team_async::TeamView;

/// Stores the result in one transaction that locks the team's request row first, so a
/// double submit cannot store twice.
pub async fn record_submission(
    state: &AppState,
    view: &TeamView,
    kind: AsyncKind,
    entries: &[MemberEntry],
    pieces: Option<i16>,
    fpa: &str,
) -> Result<(), WebError> {
    let mut tx = state.db.begin().await?;
    let submitted: Option<Option<chrono::DateTime<chrono::Utc>>> = sqlx::query_scalar(
        "SELECT submitted FROM async_teams WHERE team = $1 AND kind = $2 \
         AND requested IS NOT NULL FOR UPDATE",
    )
    .bind(view.team.id)
    .bind(kind)
    .fetch_optional(&mut *tx)
    .await?;
    match submitted {
        None => {
            return Err(WebError::Refused(format!(
                "Request the {kind} before submitting."
            )));
        }
        Some(Some(_)) => {
            return Err(WebError::Refused(format!(
                "Your team has already submitted the {kind}. Corrections go through the event staff."
            )));
        }
        Some(None) => {}
    }
    for entry in entries {
        sqlx::query(
            "INSERT INTO async_players (series, event, player, kind, time, vod) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&view.event.series)
        .bind(&view.event.event)
        .bind(entry.id)
        .bind(kind)
        .bind(entry.time)
        .bind(&entry.vod)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "UPDATE async_teams SET submitted = $3, pieces = $4, fpa = NULLIF($5, '') \
         WHERE team = $1 AND kind = $2",
    )
    .bind(view.team.id)
    .bind(kind)
    .bind(state.clock.now())
    .bind(pieces)
    .bind(fpa)
    .execute(&mut *tx)
    .await?;
    queue_discord_notices(&mut tx, state, view, kind, entries).await?;
    tx.commit().await?;
    state.discord_notices.notify_one();
    tracing::info!(
        event.series = %view.event.series, event.event = %view.event.event,
        team.id = view.team.id, async.kind = kind.as_str(), "result submitted on the web"
    );
    Ok(())
}

/// The result notice in the async's channel and its role for each member, sent by the host
/// after the submission is stored (and retried until Discord accepts them).
async fn queue_discord_notices(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    state: &AppState,
    view: &TeamView,
    kind: AsyncKind,
    entries: &[MemberEntry],
) -> Result<(), WebError> {
    let Some((row, _)) = view.find(kind) else {
        return Ok(());
    };
    let now = state.clock.now();
    if let Some(channel) = row.discord_channel {
        let content = format!(
            "**{}** has submitted the {kind}.",
            hourglass_sdk::seed::escape_markdown(&view.team.name)
        );
        notices::queue_message(&mut **tx, channel, &content, now).await?;
    }
    if let (Some(role), Some(guild)) = (row.discord_role, view.event.discord_guild) {
        for entry in entries {
            notices::queue_role_grant(&mut **tx, guild, entry.id, role, now).await?;
        }
    }
    Ok(())
}
