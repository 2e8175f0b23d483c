//! Discord notices that follow something done on the web (a result notice in a channel, a
//! role for the team's members). They are queued in the same transaction as what caused
//! them and sent by the host's sender, which retries until Discord accepts them.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

/// Queues a message for a channel.
pub async fn queue_message(
    db: impl PgExecutor<'_>,
    channel: i64,
    content: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO discord_notices (kind, channel_id, content, created_at, next_attempt_at) \
         VALUES ('message', $1, $2, $3, $3)",
    )
    .bind(channel)
    .bind(content)
    .bind(now)
    .execute(db)
    .await
    .map(drop)
}

/// Queues giving a guild member a role.
pub async fn queue_role_grant(
    db: impl PgExecutor<'_>,
    guild: i64,
    user: i64,
    role: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO discord_notices (kind, guild_id, user_id, role_id, created_at, \
         next_attempt_at) VALUES ('grant_role', $1, $2, $3, $4, $4)",
    )
    .bind(guild)
    .bind(user)
    .bind(role)
    .bind(now)
    .execute(db)
    .await
    .map(drop)
}
