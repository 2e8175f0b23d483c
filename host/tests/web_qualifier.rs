//! The legacy qualifier flow on the web (automated_asyncs = false), end to end over HTTP on
//! real PostgreSQL: request, seed, submit, standings, and the web cases of CASES.md.

mod support;

use chrono::TimeDelta;
use reqwest::StatusCode;
use sqlx::postgres::types::PgInterval;

use hourglass_sdk::domain::AsyncKind;
use support::builders::event;
use support::{TestApp, test_now};

use support::qualifier::{ANA, BO, player_rows, qualifier_event, request, requested};

#[tokio::test]
async fn request_submit_and_standings_without_discord() {
    let app = TestApp::start().await;
    let (setup, team) = qualifier_event(&app).await;
    let ana = app.signed_in(ANA.0, ANA.1).await;

    let status = ana.get(&setup.url("/status")).await;
    status.assert_ok();
    assert!(status.body.contains("Request now"));
    assert!(
        !status.body.contains("ootrandomizer.com"),
        "no seed before the request"
    );

    let confirm = setup.url("/request/qualifier");
    let done = ana.submit(&confirm, &confirm, &[("confirm", "yes")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let (requested_at, thread): (Option<chrono::DateTime<chrono::Utc>>, Option<i64>) =
        sqlx::query_as(
            "SELECT requested, discord_thread FROM async_teams WHERE team = $1 AND kind = 'qualifier'",
        )
        .bind(team)
        .fetch_one(&app.db)
        .await
        .expect("request stored");
    assert_eq!(requested_at, Some(test_now()));
    assert_eq!(thread, None, "no Discord thread in the web flow");

    let status = ana.get(&setup.url("/status")).await;
    assert!(
        status
            .body
            .contains("https://ootrandomizer.com/seed/get?id=1873409")
    );
    assert!(status.body.contains("Mask of Truth"));
    assert!(status.body.contains("C←"), "password as ocarina buttons");

    let submit = setup.url("/submit-async?kind=qualifier");
    let ana_time = format!("time_{}", ANA.0);
    let bo_time = format!("time_{}", BO.0);
    let ana_vod = format!("vod_{}", ANA.0);
    let bo_vod = format!("vod_{}", BO.0);
    let done = ana
        .submit(
            &submit,
            &setup.url("/submit-async"),
            &[
                ("kind", "qualifier"),
                (&ana_time, "1:23:45"),
                (&bo_time, "83:50"),
                (&ana_vod, "https://www.twitch.tv/videos/1"),
                (&bo_vod, "https://youtu.be/abc"),
                ("fpa", "Bo's stream dropped for a minute"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);

    let times: Vec<(i64, Option<PgInterval>, Option<String>)> = sqlx::query_as(
        "SELECT player, time, vod FROM async_players WHERE kind = 'qualifier' ORDER BY player",
    )
    .fetch_all(&app.db)
    .await
    .expect("times");
    assert_eq!(times.len(), 2);
    assert_eq!(
        times[0].1.as_ref().map(|t| t.microseconds),
        Some(5025 * 1_000_000)
    );
    assert_eq!(
        times[1].1.as_ref().map(|t| t.microseconds),
        Some(5030 * 1_000_000)
    );
    let fpa: Option<String> = sqlx::query_scalar("SELECT fpa FROM async_teams WHERE team = $1")
        .bind(team)
        .fetch_one(&app.db)
        .await
        .expect("fpa");
    assert_eq!(fpa.as_deref(), Some("Bo's stream dropped for a minute"));

    // The team's time is exactly the sum of what was recorded (case 26).
    let standings = app.browser().get(&setup.url("")).await;
    standings.assert_ok();
    assert!(standings.body.contains("Hookshot Hooligans"));
    assert!(standings.body.contains("2:47:35"), "{}", standings.body);
}

#[tokio::test]
async fn requests_outside_the_window_or_twice_are_refused() {
    let app = TestApp::start().await;
    let (setup, team) = qualifier_event(&app).await;

    // Before the window opens.
    app.clock.set(test_now() - TimeDelta::days(2));
    let early = request(&app, &setup, ANA).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert!(early.body.contains("not open"));
    assert_eq!(requested(&app, team).await, None);

    // After the window closed (the event started).
    app.clock.set(test_now() + TimeDelta::days(15));
    let late = request(&app, &setup, ANA).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(requested(&app, team).await, None);

    // In the window: once, then refused.
    app.clock.set(test_now());
    assert_eq!(
        request(&app, &setup, ANA).await.status,
        StatusCode::SEE_OTHER
    );
    app.clock.advance(TimeDelta::minutes(5));
    let again = request(&app, &setup, BO).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(
        requested(&app, team).await,
        Some(Some(test_now())),
        "first request stands"
    );
}

#[tokio::test]
async fn submitting_without_a_request_or_twice_is_refused_and_not_offered_again() {
    let app = TestApp::start().await;
    let (setup, team) = qualifier_event(&app).await;
    let ana = app.signed_in(ANA.0, ANA.1).await;
    let ana_time = format!("time_{}", ANA.0);
    let ana_vod = format!("vod_{}", ANA.0);
    let form = [
        ("kind", "qualifier"),
        (ana_time.as_str(), "1:00:00"),
        (ana_vod.as_str(), "https://a.example/v"),
    ];

    // No request yet: the form is not offered and a forged post is refused.
    let page = ana.get(&setup.url("/submit-async?kind=qualifier")).await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    let event_page = ana.get(&setup.url("")).await;
    let token = event_page.csrf();
    let mut forged = vec![("authenticity_token", token.as_str())];
    forged.extend_from_slice(&form);
    let refused = ana.post_raw(&setup.url("/submit-async"), &forged).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(player_rows(&app).await, 0);

    let confirm = setup.url("/request/qualifier");
    ana.submit(&confirm, &confirm, &[("confirm", "yes")]).await;
    let first = ana
        .submit(
            &setup.url("/submit-async?kind=qualifier"),
            &setup.url("/submit-async"),
            &form,
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert_eq!(player_rows(&app).await, 2);

    let second = ana.post_raw(&setup.url("/submit-async"), &forged).await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(second.body.contains("already submitted"));
    assert_eq!(player_rows(&app).await, 2);
    let submitted: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("SELECT submitted FROM async_teams WHERE team = $1")
            .bind(team)
            .fetch_one(&app.db)
            .await
            .expect("submitted");
    assert_eq!(submitted, Some(test_now()));

    // A submitted qualifier is not offered again (case 21).
    let status = ana.get(&setup.url("/status")).await;
    assert!(status.body.contains("Submitted"));
    assert!(!status.body.contains("Request now"));
    assert!(!status.body.contains("Submit your result"));
    assert_eq!(
        ana.get(&setup.url("/submit-async")).await.status,
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn invalid_results_show_the_form_again_and_store_nothing() {
    let app = TestApp::start().await;
    let (setup, _) = qualifier_event(&app).await;
    let ana = app.signed_in(ANA.0, ANA.1).await;
    let confirm = setup.url("/request/qualifier");
    ana.submit(&confirm, &confirm, &[("confirm", "yes")]).await;

    let ana_time = format!("time_{}", ANA.0);
    let bo_time = format!("time_{}", BO.0);
    let ana_vod = format!("vod_{}", ANA.0);
    let bo_vod = format!("vod_{}", BO.0);
    let page = ana
        .submit(
            &setup.url("/submit-async?kind=qualifier"),
            &setup.url("/submit-async"),
            &[
                ("kind", "qualifier"),
                (&ana_time, "1:75:00"),
                (&bo_time, "-0:10:00"),
                (&ana_vod, "javascript:alert(1)"),
                (&bo_vod, ""),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("value=\"1:75:00\""),
        "typed values are kept"
    );
    assert!(page.body.contains("below 60"));
    assert!(page.body.contains("cannot be negative"));
    assert!(page.body.contains("https://"));
    assert!(page.body.contains("needed for a finished run"));
    assert_eq!(player_rows(&app).await, 0);
    let submitted: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("SELECT submitted FROM async_teams")
            .fetch_one(&app.db)
            .await
            .expect("row");
    assert_eq!(submitted, None);

    // Blank times are DNFs; the team then ranks after finishers.
    let done = setup
        .submit_result(
            &ana,
            "qualifier",
            &[(ANA.0, "1:10:00", "https://v.example/a")],
            &[],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let standings = app.browser().get(&setup.url("")).await;
    assert!(standings.body.contains("DNF"));
}

#[tokio::test]
async fn an_odd_field_moves_the_start_by_max_delay_and_keeps_the_qualifier_open() {
    let app = TestApp::start().await;
    let now = test_now();
    let start = now + TimeDelta::hours(1);
    let setup = event(&app.db, "s", "9", 1, start).await;
    setup
        .async_with_seed(
            AsyncKind::Qualifier,
            now - TimeDelta::days(7),
            start,
            TimeDelta::hours(24),
        )
        .await;
    for (index, name) in ["One", "Two", "Three"].into_iter().enumerate() {
        let id = setup
            .team(name, &[(920_000_000_000_000_000 + index as i64, name)])
            .await;
        sqlx::query(
            "INSERT INTO async_teams (team, kind, requested, submitted) \
             VALUES ($1, 'qualifier', $2, $2)",
        )
        .bind(id)
        .bind(now - TimeDelta::hours(2))
        .execute(&app.db)
        .await
        .expect("submitted");
    }
    let late = (920_000_000_000_000_010, "Late");
    let late_team = setup.team("Late", &[late]).await;

    // Three teams qualified: an hour after the planned start the qualifier is still open.
    app.clock.set(start + TimeDelta::hours(1));
    let page = app.browser().get(&setup.url("")).await;
    assert!(page.body.contains("later than planned"), "{}", page.body);
    let response = request(&app, &setup, late).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    assert!(requested(&app, late_team).await.flatten().is_some());

    // The fourth team submits: the field is even, the start is that submission.
    sqlx::query("UPDATE async_teams SET submitted = $2 WHERE team = $1")
        .bind(late_team)
        .bind(start + TimeDelta::hours(2))
        .execute(&app.db)
        .await
        .expect("submit");
    let event_row = hourglass_sdk::events::Event::load(&app.db, "s", "9")
        .await
        .expect("load")
        .expect("event");
    let asyncs = hourglass_sdk::events::AsyncRow::for_event(&app.db, "s", "9")
        .await
        .expect("asyncs");
    let moved = hourglass_sdk::events::effective_start(&app.db, &event_row, &asyncs)
        .await
        .expect("start");
    assert_eq!(moved, Some(start + TimeDelta::hours(2)));
}

#[tokio::test]
async fn the_status_page_shows_when_requests_really_close() {
    let app = TestApp::start().await;
    let now = test_now();
    let setup = event(&app.db, "s", "8", 2, now + TimeDelta::days(14)).await;
    // A window that ends days before the event starts closes at its own end.
    setup
        .async_with_seed(
            AsyncKind::Qualifier,
            now - TimeDelta::days(1),
            now + TimeDelta::days(3),
            TimeDelta::zero(),
        )
        .await;
    setup.team("Hookshot Hooligans", &[ANA, BO]).await;
    let ana = app.signed_in(ANA.0, ANA.1).await;
    let status = ana.get(&setup.url("/status")).await;
    let closes = (now + TimeDelta::days(3))
        .format("%Y-%m-%d %H:%M UTC")
        .to_string();
    assert!(
        status.body.contains(&format!("open until {closes}")),
        "{}",
        status.body
    );
}
