//! A qualifier event ready for web tests: pairs, an open qualifier, Ana and Bo's team.

use chrono::TimeDelta;

use super::builders::{EventSetup, event};
use super::{Page, TestApp, test_now};

pub const ANA: (i64, &str) = (910_000_000_000_000_001, "Ana");
pub const BO: (i64, &str) = (910_000_000_000_000_002, "Bo");
pub const OUTSIDER: (i64, &str) = (910_000_000_000_000_099, "Outsider");

/// An event of pairs starting in two weeks, with a qualifier open since yesterday and one
/// team, Ana and Bo's.
pub async fn qualifier_event(app: &TestApp) -> (EventSetup<'_>, i64) {
    let now = test_now();
    let setup = event(&app.db, "s", "8", 2, now + TimeDelta::days(14)).await;
    setup.open_qualifier().await;
    let team = setup.team("Hookshot Hooligans", &[ANA, BO]).await;
    (setup, team)
}

pub async fn request(app: &TestApp, setup: &EventSetup<'_>, who: (i64, &str)) -> Page {
    let browser = app.signed_in(who.0, who.1).await;
    let confirm = setup.url("/request/qualifier");
    browser
        .submit(&setup.url(""), &confirm, &[("confirm", "yes")])
        .await
}

pub async fn requested(app: &TestApp, team: i64) -> Option<Option<chrono::DateTime<chrono::Utc>>> {
    sqlx::query_scalar("SELECT requested FROM async_teams WHERE team = $1 AND kind = 'qualifier'")
        .bind(team)
        .fetch_optional(&app.db)
        .await
        .expect("query")
}

pub async fn player_rows(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM async_players")
        .fetch_one(&app.db)
        .await
        .expect("count")
}
