//! Global admin pages, solo entry, and what outsiders and forged posts get: over HTTP on
//! real PostgreSQL.

mod support;

use chrono::{DateTime, TimeDelta, Utc};
use reqwest::StatusCode;

use support::staff::{
    ADMIN, ANA, BO, NEW_A, ORG, app, assert_redirect, assert_refused_field, count, organized, utc,
};
use support::test_now;

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
