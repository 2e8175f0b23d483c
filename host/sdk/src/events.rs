//! Events, their asyncs and teams, and who may act on them.

use chrono::{DateTime, TimeDelta, Utc};
use sqlx::postgres::types::PgInterval;
use sqlx::{FromRow, PgExecutor};

use crate::domain::AsyncKind;
use crate::seed::SeedRow;

/// One season of a tournament series (a row of `events`).
#[derive(Debug, Clone, FromRow)]
pub struct Event {
    pub series: String,
    pub event: String,
    pub display_name: String,
    pub team_size: i16,
    /// The planned start; see [`effective_start`] for the start after `max_delay`.
    pub start: Option<DateTime<Utc>>,
    pub automated_asyncs: bool,
    pub counts_pieces: bool,
    pub discord_guild: Option<i64>,
    pub discord_async_channel: Option<i64>,
}

impl Event {
    pub async fn load(
        db: impl PgExecutor<'_>,
        series: &str,
        event: &str,
    ) -> Result<Option<Self>, sqlx::Error> {
        sqlx::query_as(
            "SELECT series, event, display_name, team_size, start, automated_asyncs, \
             counts_pieces, discord_guild, discord_async_channel \
             FROM events WHERE series = $1 AND event = $2",
        )
        .bind(series)
        .bind(event)
        .fetch_optional(db)
        .await
    }

    pub fn url(&self) -> String {
        format!("/event/{}/{}", self.series, self.event)
    }

    pub fn is_solo(&self) -> bool {
        self.team_size == 1
    }
}

/// One async of an event (a row of `asyncs`): its window, seed and Discord settings.
#[derive(Debug, Clone, FromRow)]
pub struct AsyncRow {
    pub kind: AsyncKind,
    pub start: Option<DateTime<Utc>>,
    pub end_time: Option<DateTime<Utc>>,
    pub max_delay: PgInterval,
    pub discord_role: Option<i64>,
    pub discord_channel: Option<i64>,
    #[sqlx(flatten)]
    pub seed: SeedRow,
}

impl AsyncRow {
    /// Every async of an event, in kind order.
    pub async fn for_event(
        db: impl PgExecutor<'_>,
        series: &str,
        event: &str,
    ) -> Result<Vec<Self>, sqlx::Error> {
        sqlx::query_as(
            "SELECT kind, start, end_time, max_delay, discord_role, discord_channel, \
             seed_provider, web_id, web_gen_time, file_stem, hash1, hash2, hash3, hash4, hash5, \
             tfb_uuid, xkeys_uuid, seed_password, is_tfb_dev \
             FROM asyncs WHERE series = $1 AND event = $2 ORDER BY kind",
        )
        .bind(series)
        .bind(event)
        .fetch_all(db)
        .await
    }

    pub fn max_delay(&self) -> TimeDelta {
        interval_to_delta(&self.max_delay)
    }

    /// When requests close. Qualifier kinds also close when the event starts: an `end_time`
    /// at or after the planned start reads as "until the event starts", and that start may
    /// move later (see [`effective_start`]). `None`: open without an end.
    pub fn closes_at(
        &self,
        event: &Event,
        event_start: Option<DateTime<Utc>>,
    ) -> Option<DateTime<Utc>> {
        if !self.kind.is_qualifier() {
            return self.end_time;
        }
        match (self.end_time, event.start) {
            (Some(end), Some(planned)) if end < planned => Some(end),
            (end, _) => event_start.or(end),
        }
    }

    /// Whether a team may request this async now.
    pub fn is_open(
        &self,
        now: DateTime<Utc>,
        event: &Event,
        event_start: Option<DateTime<Utc>>,
    ) -> bool {
        let Some(start) = self.start else {
            return false;
        };
        now >= start
            && self
                .closes_at(event, event_start)
                .is_none_or(|close| now < close)
    }
}

/// Converts a stored `INTERVAL` to a duration (months count as 30 days; we never store them).
pub fn interval_to_delta(interval: &PgInterval) -> TimeDelta {
    TimeDelta::days(i64::from(interval.months) * 30 + i64::from(interval.days))
        + TimeDelta::microseconds(interval.microseconds)
}

/// The event's start once `max_delay` has been applied: with an odd number of qualified
/// teams the start moves later by the qualifier's `max_delay`, so that one more team can
/// qualify; with an even number it is the later of the planned start and the last
/// submission (the team that evened the field ends the wait).
pub async fn effective_start(
    db: impl PgExecutor<'_>,
    event: &Event,
    asyncs: &[AsyncRow],
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    let Some(planned) = event.start else {
        return Ok(None);
    };
    let max_delay = asyncs
        .iter()
        .filter(|row| row.kind.is_qualifier())
        .map(AsyncRow::max_delay)
        .max()
        .unwrap_or_default();
    if max_delay <= TimeDelta::zero() {
        return Ok(Some(planned));
    }
    let (qualified, last): (i64, Option<DateTime<Utc>>) = sqlx::query_as(
        "SELECT COUNT(DISTINCT teams.id), MAX(async_teams.submitted) \
         FROM async_teams JOIN teams ON teams.id = async_teams.team \
         WHERE teams.series = $1 AND teams.event = $2 \
           AND async_teams.kind IN ('qualifier', 'qualifier2', 'qualifier3') \
           AND async_teams.submitted IS NOT NULL AND async_teams.submitted < $3",
    )
    .bind(&event.series)
    .bind(&event.event)
    .bind(planned + max_delay)
    .fetch_one(db)
    .await?;
    Ok(Some(if qualified % 2 == 1 {
        planned + max_delay
    } else {
        last.map_or(planned, |last| last.max(planned))
    }))
}

/// Whether this user may manage this event: one of its organizers (global admins are
/// checked by the caller against the configuration).
pub async fn is_organizer(
    db: impl PgExecutor<'_>,
    series: &str,
    event: &str,
    user: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM organizers \
         WHERE series = $1 AND event = $2 AND organizer = $3)",
    )
    .bind(series)
    .bind(event)
    .bind(user)
    .fetch_one(db)
    .await
}

/// A team entered in an event.
#[derive(Debug, Clone, FromRow)]
pub struct Team {
    pub id: i64,
    pub name: String,
}

/// A member of a team, as shown on forms and standings.
#[derive(Debug, Clone, FromRow)]
pub struct Member {
    pub id: i64,
    pub display_name: String,
}

impl Team {
    /// The team this user plays for in this event, if any.
    pub async fn of_user(
        db: impl PgExecutor<'_>,
        series: &str,
        event: &str,
        user: i64,
    ) -> Result<Option<Self>, sqlx::Error> {
        sqlx::query_as(
            "SELECT teams.id, teams.name FROM teams \
             JOIN team_members ON team_members.team = teams.id \
             WHERE teams.series = $1 AND teams.event = $2 AND team_members.member = $3",
        )
        .bind(series)
        .bind(event)
        .bind(user)
        .fetch_optional(db)
        .await
    }

    pub async fn members(&self, db: impl PgExecutor<'_>) -> Result<Vec<Member>, sqlx::Error> {
        sqlx::query_as(
            "SELECT users.id, users.display_name FROM team_members \
             JOIN users ON users.id = team_members.member \
             WHERE team_members.team = $1 ORDER BY users.display_name, users.id",
        )
        .bind(self.id)
        .fetch_all(db)
        .await
    }
}

/// Where a team stands with one async (a row of `async_teams`).
#[derive(Debug, Clone, Default, FromRow)]
pub struct TeamAsync {
    pub requested: Option<DateTime<Utc>>,
    pub submitted: Option<DateTime<Utc>>,
    pub discord_thread: Option<i64>,
    /// The team's fair-play note, if it left one.
    pub fpa: Option<String>,
}

impl TeamAsync {
    pub async fn load(
        db: impl PgExecutor<'_>,
        team: i64,
        kind: AsyncKind,
    ) -> Result<Self, sqlx::Error> {
        let row = sqlx::query_as(
            "SELECT requested, submitted, discord_thread, fpa FROM async_teams \
             WHERE team = $1 AND kind = $2",
        )
        .bind(team)
        .bind(kind)
        .fetch_optional(db)
        .await?;
        Ok(row.unwrap_or_default())
    }
}
