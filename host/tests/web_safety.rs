//! What people type is shown as text, the seed stays off the web when threads run the
//! asyncs, and only signed-in team members with a CSRF token can act: cases 22 and 23 of
//! CASES.md and the web's permission rules.

mod support;

use chrono::TimeDelta;
use reqwest::StatusCode;

use support::builders::event;
use support::qualifier::{ANA, OUTSIDER, qualifier_event, requested};
use support::{TestApp, test_now};

#[tokio::test]
async fn user_text_is_shown_as_text_and_only_http_links_are_links() {
    let app = TestApp::start().await;
    let now = test_now();
    let setup = event(&app.db, "s", "8", 1, now + TimeDelta::days(14)).await;
    setup.open_qualifier().await;
    let evil = (910_000_000_000_000_050, "<img src=x onerror=alert(1)>");
    setup
        .team("<script>alert('team')</script> **bold**", &[evil])
        .await;
    let browser = app.signed_in(evil.0, evil.1).await;
    setup.request(&browser, "qualifier").await;
    let done = setup
        .submit_result(
            &browser,
            "qualifier",
            &[(evil.0, "1:00:00", "https://v.example/<script>")],
            &[],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    // A javascript: VOD cannot even be submitted; check what is shown of stored text.
    sqlx::query("UPDATE async_players SET vod = 'javascript:alert(2)'")
        .execute(&app.db)
        .await
        .expect("update");

    for path in ["", "/status"] {
        let page = browser.get(&setup.url(path)).await;
        assert!(
            !page.body.contains("<script>alert"),
            "{path}: raw script in {}",
            page.body
        );
        assert!(!page.body.contains("<img src=x"), "{path}: raw markup");
        assert!(
            !page.body.contains("href=\"javascript:"),
            "{path}: javascript link"
        );
    }
    let status = browser.get(&setup.url("/status")).await;
    assert!(
        status
            .body
            .contains("&#60;script&#62;alert(&#39;team&#39;)&#60;/script&#62; **bold**"),
        "the team name is shown as typed: {}",
        status.body
    );
    assert!(status.body.contains("javascript:alert(2)"), "shown as text");
}

#[tokio::test]
async fn with_automated_asyncs_the_seed_never_appears_on_the_web() {
    let app = TestApp::start().await;
    let (setup, team) = qualifier_event(&app).await;
    setup.set("automated_asyncs = true").await;
    let ana = app.signed_in(ANA.0, ANA.1).await;
    let confirm = setup.url("/request/qualifier");
    let done = ana.submit(&confirm, &confirm, &[("confirm", "yes")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert!(requested(&app, team).await.flatten().is_some());

    let status = ana.get(&setup.url("/status")).await;
    status.assert_ok();
    assert!(status.body.contains("Discord thread"));
    for secret in ["ootrandomizer.com", "1873409", "Mask of Truth", "C←"] {
        assert!(!status.body.contains(secret), "seed detail {secret} leaked");
    }
    // The web form is not the way to report in this mode.
    assert_eq!(
        ana.get(&setup.url("/submit-async?kind=qualifier"))
            .await
            .status,
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn only_signed_in_team_members_with_a_token_can_request() {
    let app = TestApp::start().await;
    let (setup, team) = qualifier_event(&app).await;

    // Signed out: sent to sign in, brought back afterwards.
    let anonymous = app.browser().get(&setup.url("/status")).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(
        anonymous.location.as_deref(),
        Some("/login?return_to=%2Fevent%2Fs%2F8%2Fstatus")
    );

    // Not on a team.
    let outsider = app.signed_in(OUTSIDER.0, OUTSIDER.1).await;
    assert_eq!(
        outsider.get(&setup.url("/status")).await.status,
        StatusCode::FORBIDDEN
    );
    let token = outsider.get("/").await.csrf();
    let forged = outsider
        .post_raw(
            &setup.url("/request/qualifier"),
            &[("authenticity_token", &token), ("confirm", "yes")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(requested(&app, team).await, None);

    // A member without the CSRF token.
    let ana = app.signed_in(ANA.0, ANA.1).await;
    let no_token = ana
        .post_raw(&setup.url("/request/qualifier"), &[("confirm", "yes")])
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let wrong_token = ana
        .post_raw(
            &setup.url("/request/qualifier"),
            &[("authenticity_token", "AAAA"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(wrong_token.status, StatusCode::FORBIDDEN);
    assert_eq!(requested(&app, team).await, None);
}
