//! Staff test setup: a global admin, an organizer, and helpers to read form answers.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use reqwest::StatusCode;

use super::builders::{EventSetup, event};
use super::{Options, Page, TestApp, test_now};

pub const ADMIN: (i64, &str) = (920_000_000_000_000_001, "Admin");
pub const ORG: (i64, &str) = (920_000_000_000_000_002, "Orla");
pub const ANA: (i64, &str) = (920_000_000_000_000_011, "Ana");
pub const BO: (i64, &str) = (920_000_000_000_000_012, "Bo");
pub const NEW_A: &str = "920000000000000021";
pub const NEW_B: &str = "920000000000000022";

pub async fn app() -> TestApp {
    TestApp::start_with(Options {
        admins: vec![ADMIN.0],
        ..Options::default()
    })
    .await
}

/// An event of `team_size` starting in two weeks, organized by ORG.
pub async fn organized(app: &TestApp, team_size: i16) -> EventSetup<'_> {
    let setup = event(
        &app.db,
        "s",
        "8",
        team_size,
        test_now() + TimeDelta::days(14),
    )
    .await;
    setup.organizer(ORG.0, ORG.1).await;
    setup
}

pub fn assert_redirect(page: &Page, to: &str) {
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some(to));
}

pub fn assert_refused_field(page: &Page, message: &str) {
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(
        page.body.contains(message),
        "expected {message:?} in {}",
        page.body
    );
}

pub async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.db)
        .await
        .expect("count")
}

pub fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("valid date")
}
