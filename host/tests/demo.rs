//! The demo event: loaded once, realistic, and what people did survives a second load.

mod support;

use support::{TestApp, test_now};

#[tokio::test]
async fn the_demo_loads_once_and_keeps_what_people_did() {
    let app = TestApp::start().await;
    assert!(
        hourglass::demo::load_once(&app.db, test_now())
            .await
            .expect("first load")
    );

    let teams: i64 = sqlx::query_scalar("SELECT count(*) FROM teams WHERE series = 's'")
        .fetch_one(&app.db)
        .await
        .expect("teams");
    assert!(teams >= 12, "{teams} teams");
    let submitted: i64 =
        sqlx::query_scalar("SELECT count(*) FROM async_teams WHERE submitted IS NOT NULL")
            .fetch_one(&app.db)
            .await
            .expect("submitted");
    assert!(submitted > 0 && submitted < teams);
    let kinds: Vec<String> = sqlx::query_scalar("SELECT kind::text FROM asyncs ORDER BY kind")
        .fetch_all(&app.db)
        .await
        .expect("asyncs");
    assert_eq!(kinds, ["qualifier", "qualifier2"]);

    // Someone requests; a second start of the demo keeps it.
    sqlx::query(
        "INSERT INTO async_teams (team, kind, requested) \
         SELECT id, 'qualifier', now() FROM teams WHERE name = 'Triforce Seekers'",
    )
    .execute(&app.db)
    .await
    .expect("request");
    assert!(
        !hourglass::demo::load_once(&app.db, test_now())
            .await
            .expect("second load")
    );
    let requested: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM async_teams JOIN teams ON teams.id = team WHERE name = 'Triforce Seekers'",
    )
    .fetch_one(&app.db)
    .await
    .expect("kept");
    assert_eq!(requested, 1);
    let teams_after: i64 = sqlx::query_scalar("SELECT count(*) FROM teams")
        .fetch_one(&app.db)
        .await
        .expect("teams");
    assert_eq!(teams_after, teams);

    let page = app.browser().get("/event/s/8").await;
    page.assert_ok();
    assert!(page.body.contains("Hookshot Hooligans"));
    assert!(page.body.contains("DNF"), "the demo shows a DNF team");
    assert!(
        page.body.contains("opens later"),
        "Qualifier 2 has not opened yet"
    );
}

#[tokio::test]
async fn health_answers_when_the_database_does() {
    let app = TestApp::start().await;
    let health = app.browser().get("/healthz").await;
    health.assert_ok();
    assert_eq!(health.body, "ok");
    app.db.close().await;
    let down = app.browser().get("/healthz").await;
    assert_eq!(down.status, reqwest::StatusCode::SERVICE_UNAVAILABLE);
}
