//! Builders that set up an event, its asyncs and teams in a few lines.

use chrono::{DateTime, TimeDelta, Utc};
use sqlx::PgPool;

use hourglass_sdk::domain::{AsyncKind, HashIcon};

/// An event being set up for a test.
pub struct EventSetup<'a> {
    pub db: &'a PgPool,
    pub series: String,
    pub event: String,
}

/// Creates event `series/event` with teams of `team_size`, starting at `start`.
pub async fn event<'a>(
    db: &'a PgPool,
    series: &str,
    event: &str,
    team_size: i16,
    start: DateTime<Utc>,
) -> EventSetup<'a> {
    sqlx::query(
        "INSERT INTO events (series, event, display_name, team_size, start) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(series)
    .bind(event)
    .bind(format!("Test event {series} {event}"))
    .bind(team_size)
    .bind(start)
    .execute(db)
    .await
    .expect("insert event");
    EventSetup {
        db,
        series: series.into(),
        event: event.into(),
    }
}

impl EventSetup<'_> {
    pub fn url(&self, rest: &str) -> String {
        format!("/event/{}/{}{rest}", self.series, self.event)
    }

    pub async fn set(&self, column_assignment: &str) {
        sqlx::query(&format!(
            "UPDATE events SET {column_assignment} WHERE series = $1 AND event = $2"
        ))
        .bind(&self.series)
        .bind(&self.event)
        .execute(self.db)
        .await
        .expect("update event");
    }

    /// An async open from `start` to `end` with an OoTR web seed.
    pub async fn async_with_seed(
        &self,
        kind: AsyncKind,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        max_delay: TimeDelta,
    ) {
        sqlx::query(
            "INSERT INTO asyncs (series, event, kind, start, end_time, max_delay, web_id, \
             hash1, hash2, hash3, hash4, hash5, seed_password) \
             VALUES ($1, $2, $3, $4, $5, $6, 1873409, $7, $8, $9, $10, $11, 'A<v>^A')",
        )
        .bind(&self.series)
        .bind(&self.event)
        .bind(kind)
        .bind(start)
        .bind(end)
        .bind(max_delay)
        .bind(HashIcon::DekuStick)
        .bind(HashIcon::Bombchu)
        .bind(HashIcon::MaskOfTruth)
        .bind(HashIcon::Frog)
        .bind(HashIcon::BossKey)
        .execute(self.db)
        .await
        .expect("insert async");
    }

    /// A qualifier with an OoTR web seed, open since a day before the test's "now" until two
    /// weeks after it, without a delay.
    pub async fn open_qualifier(&self) {
        let now = super::test_now();
        self.async_with_seed(
            AsyncKind::Qualifier,
            now - TimeDelta::days(1),
            now + TimeDelta::days(14),
            TimeDelta::zero(),
        )
        .await;
    }

    /// A team with these members (Discord id, name); returns the team id.
    pub async fn team(&self, name: &str, members: &[(i64, &str)]) -> i64 {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO teams (series, event, name) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(&self.series)
        .bind(&self.event)
        .bind(name)
        .fetch_one(self.db)
        .await
        .expect("insert team");
        for &(member, member_name) in members {
            user(self.db, member, member_name).await;
            sqlx::query("INSERT INTO team_members (team, member) VALUES ($1, $2)")
                .bind(id)
                .bind(member)
                .execute(self.db)
                .await
                .expect("insert member");
        }
        id
    }

    pub async fn organizer(&self, id: i64, name: &str) {
        user(self.db, id, name).await;
        sqlx::query("INSERT INTO organizers (series, event, organizer) VALUES ($1, $2, $3)")
            .bind(&self.series)
            .bind(&self.event)
            .bind(id)
            .execute(self.db)
            .await
            .expect("insert organizer");
    }
}

pub async fn user(db: &PgPool, id: i64, name: &str) {
    sqlx::query("INSERT INTO users (id, display_name) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(id)
        .bind(name)
        .execute(db)
        .await
        .expect("insert user");
}

impl EventSetup<'_> {
    /// Requests an async through its confirmation page, as a team member would.
    pub async fn request(&self, browser: &super::Browser, kind: &str) -> super::Page {
        let confirm = self.url(&format!("/request/{kind}"));
        browser
            .submit(&self.url(""), &confirm, &[("confirm", "yes")])
            .await
    }

    /// Submits a result through the web form: per member (id, time, VOD link), plus any
    /// other fields (fpa, pieces).
    pub async fn submit_result(
        &self,
        browser: &super::Browser,
        kind: &str,
        members: &[(i64, &str, &str)],
        other: &[(&str, &str)],
    ) -> super::Page {
        let names: Vec<(String, String)> = members
            .iter()
            .map(|(id, _, _)| (format!("time_{id}"), format!("vod_{id}")))
            .collect();
        let mut fields = vec![("kind", kind)];
        for ((time_field, vod_field), (_, time, vod)) in names.iter().zip(members) {
            fields.push((time_field.as_str(), time));
            fields.push((vod_field.as_str(), vod));
        }
        fields.extend_from_slice(other);
        browser
            .submit(
                &self.url(&format!("/submit-async?kind={kind}")),
                &self.url("/submit-async"),
                &fields,
            )
            .await
    }
}
