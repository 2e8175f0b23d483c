//! Admin and organizer pages over real HTTP on real PostgreSQL: creating events, naming
//! organizers, configuring an event, its asyncs and teams, entering a solo event, and who
//! may do what.

mod support;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use reqwest::StatusCode;
use sqlx::postgres::types::PgInterval;

use hourglass_sdk::domain::HashIcon;
use hourglass_sdk::events::Event;
use support::builders::{EventSetup, event};
use support::{Options, Page, TestApp, test_now};

const ADMIN: (i64, &str) = (920_000_000_000_000_001, "Admin");
const ORG: (i64, &str) = (920_000_000_000_000_002, "Orla");
const ANA: (i64, &str) = (920_000_000_000_000_011, "Ana");
const BO: (i64, &str) = (920_000_000_000_000_012, "Bo");
const NEW_A: &str = "920000000000000021";
const NEW_B: &str = "920000000000000022";

async fn app() -> TestApp {
    TestApp::start_with(Options {
        admins: vec![ADMIN.0],
        ..Options::default()
    })
    .await
}

/// An event of `team_size` starting in two weeks, organized by ORG.
async fn organized(app: &TestApp, team_size: i16) -> EventSetup<'_> {
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

fn assert_redirect(page: &Page, to: &str) {
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some(to));
}

fn assert_refused_field(page: &Page, message: &str) {
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

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.db)
        .await
        .expect("count")
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("valid date")
}

#[tokio::test]
async fn admin_creates_an_event_and_names_an_organizer() {
    let app = app().await;
    let admin = app.signed_in(ADMIN.0, ADMIN.1).await;
    let ana = app.signed_in(ANA.0, ANA.1).await;
    assert_eq!(
        app.browser().get("/admin").await.location.as_deref(),
        Some("/login?return_to=%2Fadmin")
    );
    assert_eq!(ana.get("/admin").await.status, StatusCode::FORBIDDEN);
    admin.get("/admin").await.assert_ok();

    let form = [
        ("series", "s"),
        ("event", "9"),
        ("display_name", "Season 9"),
        ("team_size", "2"),
        ("start", "2026-07-01T18:00"),
    ];
    let refused = ana.submit("/", "/admin/events", &form).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "SELECT count(*) FROM events").await, 0);

    let created = admin.submit("/admin", "/admin/events", &form).await;
    assert_redirect(&created, "/event/s/9/manage?saved=created");
    let (size, start): (i16, Option<DateTime<Utc>>) =
        sqlx::query_as("SELECT team_size, start FROM events WHERE series = 's' AND event = '9'")
            .fetch_one(&app.db)
            .await
            .expect("event stored");
    assert_eq!((size, start), (2, Some(utc(2026, 7, 1, 18, 0))));
    admin
        .get("/event/s/9/manage?saved=created")
        .await
        .assert_ok();

    let again = admin.submit("/admin", "/admin/events", &form).await;
    assert_refused_field(&again, "This series already has an event with this id.");
    assert!(
        again.body.contains("value=\"Season 9\""),
        "entered values are kept"
    );
    let bad = [
        ("series", "S-1"),
        ("event", ""),
        ("display_name", " "),
        ("team_size", "17"),
    ];
    let bad = admin.submit("/admin", "/admin/events", &bad).await;
    assert_refused_field(&bad, "The series id is 1 to 8 lowercase letters or digits");
    assert!(bad.body.contains("Enter a team size from 1 (solo) to 16."));
    assert_eq!(count(&app, "SELECT count(*) FROM events").await, 1);

    // A person who never signed in becomes an organizer by Discord id.
    let path = "/admin/event/s/9/organizers";
    let added = admin
        .submit("/admin", path, &[("organizer", &ORG.0.to_string())])
        .await;
    assert_redirect(&added, "/admin?saved=organizer#event-s-9");
    let name: String = sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
        .bind(ORG.0)
        .fetch_one(&app.db)
        .await
        .expect("user row made");
    assert_eq!(name, ORG.0.to_string());
    let twice = admin
        .submit("/admin", path, &[("organizer", &ORG.0.to_string())])
        .await;
    assert_refused_field(&twice, "This person already organizes this event.");
    let not_an_id = admin
        .submit("/admin", path, &[("organizer", "@organizer")])
        .await;
    assert_refused_field(&not_an_id, "is not a Discord id");
    assert_eq!(count(&app, "SELECT count(*) FROM organizers").await, 1);

    let organizer = app.signed_in(ORG.0, ORG.1).await;
    organizer.get("/event/s/9/manage").await.assert_ok();
    let removed = admin
        .submit(
            "/admin",
            &format!("{path}/remove"),
            &[("organizer", &ORG.0.to_string())],
        )
        .await;
    assert_redirect(&removed, "/admin?saved=removed#event-s-9");
    assert_eq!(
        organizer.get("/event/s/9/manage").await.status,
        StatusCode::FORBIDDEN
    );
}

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
async fn outsiders_and_forged_posts_are_refused() {
    let app = app().await;
    let setup = organized(&app, 1).await;
    let manage = setup.url("/manage");
    let outsider = app.signed_in(ANA.0, ANA.1).await;
    assert_eq!(outsider.get(&manage).await.status, StatusCode::FORBIDDEN);
    let location = app.browser().get(&manage).await.location;
    assert_eq!(
        location.as_deref(),
        Some("/login?return_to=%2Fevent%2Fs%2F8%2Fmanage")
    );
    let config = [("display_name", "Mine now"), ("team_size", "1")];
    let forged = outsider
        .submit("/", &setup.url("/manage/config"), &config)
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let teams = [("name", "Sneaky"), ("members", NEW_A)];
    let forged = outsider
        .submit("/", &setup.url("/manage/teams"), &teams)
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    // No token at all: refused before anything is looked at, even for the organizer.
    let organizer = app.signed_in(ORG.0, ORG.1).await;
    let admin = app.signed_in(ADMIN.0, ADMIN.1).await;
    let no_token = organizer
        .post_raw(&setup.url("/manage/config"), &config)
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let create = [
        ("series", "x"),
        ("event", "1"),
        ("display_name", "X"),
        ("team_size", "1"),
    ];
    assert_eq!(
        admin.post_raw("/admin/events", &create).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        outsider.post_raw(&setup.url("/enter"), &[]).await.status,
        StatusCode::FORBIDDEN
    );
    let wrong = [
        ("authenticity_token", "forged"),
        ("display_name", "Mine now"),
        ("team_size", "1"),
    ];
    let forged = organizer
        .post_raw(&setup.url("/manage/config"), &wrong)
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM events WHERE display_name = 'Mine now'"
        )
        .await,
        0
    );
    assert_eq!(count(&app, "SELECT count(*) FROM teams").await, 0);
    assert_eq!(
        count(&app, "SELECT count(*) FROM events WHERE series = 'x'").await,
        0
    );
}

#[tokio::test]
async fn solo_entry_works_once_and_only_before_the_start() {
    let app = app().await;
    let setup = organized(&app, 1).await;
    let ana = app.signed_in(ANA.0, ANA.1).await;
    let page = ana.get(&setup.url("")).await;
    assert!(page.body.contains("Enter this event"), "{}", page.body);
    let entered = ana.submit(&setup.url(""), &setup.url("/enter"), &[]).await;
    assert_redirect(&entered, "/event/s/8/status");
    ana.get(&setup.url("/status")).await.assert_ok();
    let again = ana
        .submit(&setup.url("/status"), &setup.url("/enter"), &[])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(
        again.body.contains("You have already entered"),
        "{}",
        again.body
    );

    // Another "Ana" (a different Discord account with the same display name).
    let other_ana = discord_sim::types::NewUser {
        username: "ana_two".to_owned(),
        global_name: Some("Ana".to_owned()),
        id: Some(920_000_000_000_000_031),
        bot: false,
    };
    app.sim
        .client()
        .create_user(&other_ana)
        .await
        .expect("simulated user");
    let other_ana = app.browser();
    other_ana.sign_in(920_000_000_000_000_031).await;
    let entered = other_ana
        .submit(&setup.url(""), &setup.url("/enter"), &[])
        .await;
    assert_eq!(entered.status, StatusCode::SEE_OTHER, "{}", entered.body);
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM teams ORDER BY name")
        .fetch_all(&app.db)
        .await
        .expect("teams");
    assert_eq!(names, ["Ana", "Ana (2)"]);

    app.clock.set(test_now() + TimeDelta::days(14));
    let bo = app.signed_in(BO.0, BO.1).await;
    let late = bo.submit("/", &setup.url("/enter"), &[]).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(late.body.contains("has started"), "{}", late.body);
    setup.set("team_size = 2, start = NULL").await;
    let teams_only = bo.submit("/", &setup.url("/enter"), &[]).await;
    assert_eq!(teams_only.status, StatusCode::CONFLICT);
    assert_eq!(count(&app, "SELECT count(*) FROM teams").await, 2);
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
