//! Sends queued Discord notices (see `hourglass_sdk::notices`).
//!
//! Each notice is locked (`FOR UPDATE SKIP LOCKED`) while it is sent and marked sent in the
//! same transaction, so two senders never send one notice twice. Messages carry a nonce that
//! Discord enforces, so even a send whose "sent" mark was lost is not posted twice. A notice
//! Discord refuses is tried again later, with a growing pause, until it goes through: the
//! schedule lives in the table, not in memory, so a restart loses nothing.

use chrono::{DateTime, TimeDelta, Utc};
use hourglass_sdk::discord::poise::serenity_prelude as serenity;
use serenity::{ChannelId, CreateMessage, GuildId, Nonce, RoleId, UserId};
use sqlx::PgPool;

/// What one pass of the sender did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SendReport {
    pub sent: usize,
    pub failed: usize,
}

#[derive(sqlx::FromRow)]
struct Notice {
    id: i64,
    kind: String,
    guild_id: Option<i64>,
    channel_id: Option<i64>,
    user_id: Option<i64>,
    role_id: Option<i64>,
    content: Option<String>,
    attempts: i32,
}

/// The pause before the next try: 30 s, doubling per failure, at most an hour.
fn retry_delay(attempts: i32) -> TimeDelta {
    let doublings = u32::try_from(attempts.clamp(0, 7)).unwrap_or(7);
    TimeDelta::seconds(30 * 2_i64.pow(doublings)).min(TimeDelta::hours(1))
}

/// Sends every notice that is due, one at a time, each in its own transaction.
pub async fn send_due(
    db: &PgPool,
    http: &serenity::Http,
    now: DateTime<Utc>,
) -> Result<SendReport, sqlx::Error> {
    let mut report = SendReport::default();
    loop {
        let mut tx = db.begin().await?;
        let notice: Option<Notice> = sqlx::query_as(
            "SELECT id, kind, guild_id, channel_id, user_id, role_id, content, attempts \
             FROM discord_notices WHERE sent_at IS NULL AND next_attempt_at <= $1 \
             ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
        )
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(notice) = notice else { break };

        match send(http, &notice).await {
            Ok(()) => {
                sqlx::query("UPDATE discord_notices SET sent_at = $2 WHERE id = $1")
                    .bind(notice.id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                report.sent += 1;
            }
            Err(error) => {
                let pause = retry_delay(notice.attempts);
                tracing::warn!(
                    notice.id = notice.id, notice.kind = %notice.kind, %error,
                    retry_in_s = pause.num_seconds(), "Discord refused a notice; will retry"
                );
                sqlx::query(
                    "UPDATE discord_notices SET attempts = attempts + 1, last_error = $2, \
                     next_attempt_at = $3 WHERE id = $1",
                )
                .bind(notice.id)
                .bind(error.to_string())
                .bind(now + pause)
                .execute(&mut *tx)
                .await?;
                report.failed += 1;
            }
        }
        tx.commit().await?;
    }
    Ok(report)
}

async fn send(http: &serenity::Http, notice: &Notice) -> serenity::Result<()> {
    let id = |value: Option<i64>| {
        value
            .and_then(|value| u64::try_from(value).ok())
            .unwrap_or(1)
    };
    match notice.kind.as_str() {
        "grant_role" => {
            http.add_member_role(
                GuildId::new(id(notice.guild_id)),
                UserId::new(id(notice.user_id)),
                RoleId::new(id(notice.role_id)),
                Some("Hourglass: async result submitted"),
            )
            .await
        }
        _ => {
            let message = CreateMessage::new()
                .content(notice.content.clone().unwrap_or_default())
                .nonce(Nonce::String(format!("hourglass-{}", notice.id)))
                .enforce_nonce(true);
            ChannelId::new(id(notice.channel_id))
                .send_message(http, message)
                .await
                .map(drop)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::retry_delay;

    #[test]
    fn retries_slow_down_to_an_hour() {
        assert_eq!(retry_delay(0).num_seconds(), 30);
        assert_eq!(retry_delay(1).num_seconds(), 60);
        assert_eq!(retry_delay(6).num_seconds(), 1920);
        assert_eq!(retry_delay(7).num_seconds(), 3600);
        assert_eq!(retry_delay(50).num_seconds(), 3600);
    }
}
