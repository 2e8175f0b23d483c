//! Which qualifier run a Discord thread belongs to.

use hourglass_sdk::discord::ThreadRun;
use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::web::AppState;

/// The team and async whose private thread this is.
pub async fn run_in_thread(
    state: &AppState,
    thread: u64,
) -> Result<Option<ThreadRun>, sqlx::Error> {
    let Ok(thread) = i64::try_from(thread) else {
        return Ok(None);
    };
    let row: Option<(String, String, String, AsyncKind)> = sqlx::query_as(
        "SELECT teams.series, teams.event, teams.name, async_teams.kind \
         FROM async_teams JOIN teams ON teams.id = async_teams.team \
         WHERE async_teams.discord_thread = $1",
    )
    .bind(thread)
    .fetch_optional(&state.db)
    .await?;
    Ok(row.map(|(series, event, team, kind)| ThreadRun {
        series,
        event,
        label: format!("{kind} of {team}"),
    }))
}
