//! Organizer pages over real HTTP on real PostgreSQL: configuring an event, its asyncs and
//! its teams.

mod support;

use chrono::TimeDelta;
use reqwest::StatusCode;
use sqlx::postgres::types::PgInterval;

use hourglass_sdk::domain::HashIcon;
use hourglass_sdk::events::Event;
use support::builders::event;
use support::staff::{
    ADMIN, ANA, BO, NEW_A, NEW_B, ORG, app, assert_redirect, assert_refused_field, count,
    organized, utc,
};
use support::{Options, TestApp, test_now};

#[tokio::test]
async fn organizer_configures_the_event() {
    let app = app().await;
    let setup = organized(&app, 2).await;
    let organizer = app.signed_in(ORG.0, ORG.1).await;
    let manage = setup.url("/manage");
    let config = setup.url("/manage/config");
    let mut form = [
        ("display_name", "Season 8 <b>"),
        ("team_size", "3"),
        ("start", "2026-06-20T19:30"),
        ("automated_asyncs", "on"),
        ("discord_guild", "930000000000000001"),
        ("discord_async_channel", ""),
    ];
    let refused = organizer.submit(&manage, &config, &form).await;
    assert_refused_field(
        &refused,
        "Automated asyncs open their threads in this channel",
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM events WHERE automated_asyncs").await,
        0
    );
    form[5] = ("discord_async_channel", "930000000000000003");
    assert_redirect(
        &organizer.submit(&manage, &config, &form).await,
        "/event/s/8/manage?saved=config#config",
    );
    let stored = Event::load(&app.db, "s", "8")
        .await
        .expect("query")
        .expect("event");
    assert_eq!(stored.display_name, "Season 8 <b>");
    assert_eq!(
        (stored.team_size, stored.start),
        (3, Some(utc(2026, 6, 20, 19, 30)))
    );
    assert!(stored.automated_asyncs && !stored.counts_pieces);
    let discord = (stored.discord_guild, stored.discord_async_channel);
    assert_eq!(
        discord,
        (Some(930_000_000_000_000_001), Some(930_000_000_000_000_003))
    );
    let page = organizer.get(&manage).await;
    assert!(page.body.contains("Season 8 &#60;b&#62;") && !page.body.contains("Season 8 <b>"));

    let bad = [
        ("display_name", "Season 8"),
        ("team_size", "3"),
        ("discord_guild", "guild"),
    ];
    let refused = organizer.submit(&manage, &config, &bad).await;
    assert_refused_field(&refused, "is not a Discord id");
    assert_eq!(
        count(&app, "SELECT count(*) FROM events WHERE automated_asyncs").await,
        1
    );
    // Unticked boxes are sent as nothing: automated_asyncs goes off again.
    let off = [("display_name", "Season 8"), ("team_size", "3")];
    assert_eq!(
        organizer.submit(&manage, &config, &off).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM events WHERE automated_asyncs").await,
        0
    );
}

#[tokio::test]
async fn organizer_adds_an_async_and_a_bad_one_is_refused() {
    let app = app().await;
    let setup = organized(&app, 2).await;
    let organizer = app.signed_in(ORG.0, ORG.1).await;
    let (manage, path) = (setup.url("/manage"), setup.url("/manage/async"));
    let mut form = vec![
        ("kind", "qualifier"),
        ("start", "2026-06-01T00:00"),
        ("end", "2026-06-15T00:00"),
        ("max_delay", "24h"),
        ("web_id", "1873409"),
        ("hash1", "Deku Stick"),
        ("hash2", "Bombchu"),
        ("hash3", "Mask of Truth"),
        ("hash4", "Frog"),
        ("hash5", "Boss Key"),
        ("password", "A<v>^A"),
        ("discord_channel", "930000000000000002"),
    ];
    assert_redirect(
        &organizer.submit(&manage, &path, &form).await,
        "/event/s/8/manage?saved=async#asyncs",
    );
    let row: (Option<i64>, Option<HashIcon>, PgInterval, Option<String>, bool) = sqlx::query_as(
        "SELECT web_id, hash3, max_delay, seed_password, is_tfb_dev FROM asyncs WHERE kind = 'qualifier'",
    )
    .fetch_one(&app.db)
    .await
    .expect("async stored");
    assert_eq!(
        (row.0, row.1, row.3.as_deref(), row.4),
        (
            Some(1_873_409),
            Some(HashIcon::MaskOfTruth),
            Some("A<v>^A"),
            false
        )
    );
    assert_eq!((row.2.days, row.2.microseconds), (0, 24 * 3_600_000_000));
    let page = organizer.get(&manage).await;
    assert!(
        page.body.contains("OoTR web seed (ootrandomizer.com)"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("2026-06-01 00:00 UTC – 2026-06-15 00:00 UTC")
    );
    let edit = organizer.get(&setup.url("/manage?edit=qualifier")).await;
    assert!(
        edit.body.contains("value=\"1873409\"")
            && edit.body.contains("<option selected>Frog</option>")
    );

    form[0] = ("kind", "qualifier2");
    form[2] = ("end", "2026-05-01T00:00");
    form[10] = ("password", "A<v>^B");
    let refused = organizer.submit(&manage, &path, &form).await;
    assert_refused_field(&refused, "A password is exactly six ocarina buttons");
    assert!(refused.body.contains("The end must be after the start."));
    assert!(
        refused.body.contains("value=\"A&#60;v&#62;^B\""),
        "the typed password is kept"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM asyncs WHERE kind = 'qualifier2'"
        )
        .await,
        0
    );

    // Once a team has requested the qualifier, its seed changes only when confirmed.
    let team = setup.team("Pair", &[ANA, BO]).await;
    sqlx::query("INSERT INTO async_teams (team, kind, requested) VALUES ($1, 'qualifier', now())")
        .bind(team)
        .execute(&app.db)
        .await
        .expect("request");
    let change = [("kind", "qualifier"), ("web_id", "1873410")];
    let unconfirmed = organizer.submit(&manage, &path, &change).await;
    assert_refused_field(&unconfirmed, "1 team(s) already requested the Qualifier");
    assert_eq!(
        count(&app, "SELECT count(*) FROM asyncs WHERE web_id = 1873409").await,
        1
    );
    let confirmed = [
        ("kind", "qualifier"),
        ("web_id", "1873410"),
        ("confirm_seed_change", "yes"),
    ];
    assert_eq!(
        organizer.submit(&manage, &path, &confirmed).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM asyncs WHERE web_id = 1873410").await,
        1
    );
}

#[tokio::test]
async fn organizer_adds_and_removes_teams() {
    let app = app().await;
    let setup = organized(&app, 2).await;
    setup.team("Hookshot Hooligans", &[ANA, BO]).await;
    let organizer = app.signed_in(ORG.0, ORG.1).await;
    let (manage, path) = (setup.url("/manage"), setup.url("/manage/teams"));
    let members = format!("{NEW_A}\n{NEW_B}");
    let added = organizer
        .submit(&manage, &path, &[("name", "Pair"), ("members", &members)])
        .await;
    assert_redirect(&added, "/event/s/8/manage?saved=team#teams");
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT users.display_name FROM team_members JOIN teams ON teams.id = team_members.team \
         JOIN users ON users.id = team_members.member WHERE teams.name = 'Pair' ORDER BY 1",
    )
    .fetch_all(&app.db)
    .await
    .expect("members");
    assert_eq!(
        names,
        [NEW_A, NEW_B],
        "unknown people are named by their id"
    );

    let teams = "SELECT count(*) FROM teams";
    let taken = format!("{NEW_B}, {}", ANA.0);
    let refused = organizer
        .submit(&manage, &path, &[("name", "Other"), ("members", &taken)])
        .await;
    assert_refused_field(
        &refused,
        "Ana (920000000000000011) already plays for Hookshot Hooligans",
    );
    assert!(refused.body.contains("already plays for Pair"));
    let fresh = "920000000000000023, 920000000000000024";
    let same_name = organizer
        .submit(&manage, &path, &[("name", "Pair"), ("members", fresh)])
        .await;
    assert_refused_field(
        &same_name,
        "Another team in this event already has this name.",
    );
    let one = organizer
        .submit(&manage, &path, &[("name", "Solo"), ("members", NEW_A)])
        .await;
    assert_refused_field(&one, "This event has teams of 2: enter 2 Discord ids");
    assert_eq!(count(&app, teams).await, 2);
    let resize = [("display_name", "Pairs"), ("team_size", "3")];
    let resized = organizer
        .submit(&manage, &setup.url("/manage/config"), &resize)
        .await;
    assert_refused_field(&resized, "remove them before changing the team size");
    assert_eq!(
        count(&app, "SELECT count(*) FROM events WHERE team_size = 2").await,
        1
    );
    let users = "SELECT count(*) FROM users WHERE id = 920000000000000023";
    assert_eq!(count(&app, users).await, 0, "nothing stored");

    let team: i64 = sqlx::query_scalar("SELECT id FROM teams WHERE name = 'Pair'")
        .fetch_one(&app.db)
        .await
        .expect("team");
    let page = organizer.get(&manage).await;
    assert!(page.body.contains("Hookshot Hooligans") && page.body.contains("Ana, Bo"));
    let remove = setup.url(&format!("/manage/teams/{team}/remove"));
    let unconfirmed = organizer.submit(&manage, &remove, &[]).await;
    assert_refused_field(&unconfirmed, "Tick the box to confirm the removal.");
    let removed = organizer
        .submit(&manage, &remove, &[("confirm", "yes")])
        .await;
    assert_redirect(&removed, "/event/s/8/manage?saved=removed#teams");
    assert_eq!(count(&app, teams).await, 1);
}

#[tokio::test]
async fn automated_asyncs_cannot_be_switched_while_a_request_is_open() {
    let app = TestApp::start_with(Options {
        admins: vec![ADMIN.0],
        ..Options::default()
    })
    .await;
    let now = test_now();
    let setup = event(&app.db, "s", "8", 1, now + TimeDelta::days(14)).await;
    setup.open_qualifier().await;
    let runner = (930_000_000_000_000_001, "Runner");
    setup.team("Waiting Team", &[runner]).await;
    let browser = app.signed_in(runner.0, runner.1).await;
    setup.request(&browser, "qualifier").await;

    let admin = app.signed_in(ADMIN.0, ADMIN.1).await;
    let config = [
        ("display_name", "Test event"),
        ("team_size", "1"),
        ("start", ""),
        ("automated_asyncs", "on"),
        ("discord_guild", "1213455767961731076"),
        ("discord_async_channel", "1213457026252931080"),
        ("scoring", "time"),
    ];
    let refused = admin
        .submit(&setup.url("/manage"), &setup.url("/manage/config"), &config)
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("would strand them"),
        "{}",
        refused.body
    );
    let automated: bool = sqlx::query_scalar("SELECT automated_asyncs FROM events")
        .fetch_one(&app.db)
        .await
        .expect("event");
    assert!(!automated, "nothing changed");
}
