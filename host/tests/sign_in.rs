//! Signing in with Discord through the OAuth2 code flow, against a loopback stand-in, and
//! the demo's "sign in as".

mod support;

use reqwest::StatusCode;
use url::Url;

use support::{Options, TestApp};

#[tokio::test]
async fn discord_sign_in_creates_the_user_and_cycles_the_session() {
    let app = TestApp::start().await;
    let browser = app.browser();
    let before = browser.get("/").await;
    assert!(before.body.contains("Sign in"));

    let start = browser.get("/auth/discord?return_to=/event/s/8").await;
    assert_eq!(start.status, StatusCode::SEE_OTHER);
    let authorize = Url::parse(start.location.as_deref().expect("to Discord")).expect("url");
    let query: std::collections::HashMap<_, _> = authorize.query_pairs().into_owned().collect();
    assert_eq!(query.get("scope").map(String::as_str), Some("identify"));
    assert_eq!(query.get("response_type").map(String::as_str), Some("code"));
    assert!(query.get("state").is_some_and(|state| state.len() >= 16));
    assert_eq!(
        query.get("redirect_uri").map(String::as_str),
        Some(format!("{}auth/discord/callback", app.base).as_str())
    );

    browser.sign_in(772_939_104_387_203_074).await;
    let name: String = sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
        .bind(772_939_104_387_203_074_i64)
        .fetch_one(&app.db)
        .await
        .expect("the user is stored");
    assert_eq!(name, "Runner One");
    let after = browser.get("/").await;
    assert!(after.body.contains("Runner One"));
    assert!(after.body.contains("Sign out"));

    // Signing out forgets the session.
    let out = browser.submit("/", "/logout", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(!browser.get("/").await.body.contains("Runner One"));
}

#[tokio::test]
async fn a_callback_with_a_forged_state_signs_nobody_in() {
    let app = TestApp::start().await;
    let browser = app.browser();
    browser.get("/auth/discord").await;
    let forged = browser
        .get("/auth/discord/callback?code=1:mallory&state=not-the-state")
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(users, 0);

    // Without having started a sign-in at all.
    let fresh = app.browser();
    let replay = fresh
        .get("/auth/discord/callback?code=1:mallory&state=x")
        .await;
    assert_eq!(replay.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn return_to_only_leads_to_this_site() {
    let app = TestApp::start().await;
    let browser = app.browser();
    let start = browser
        .get("/auth/discord?return_to=https://evil.example/")
        .await;
    let authorize = Url::parse(start.location.as_deref().expect("to Discord")).expect("url");
    let mut chosen = authorize.clone();
    chosen
        .query_pairs_mut()
        .append_pair("sim_user", "803456789012345678");
    let approved = browser.client.get(chosen).send().await.expect("authorize");
    let callback = approved.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let done = browser.client.get(callback).send().await.expect("callback");
    assert_eq!(done.headers()["location"], "/");
}

#[tokio::test]
async fn demo_sign_in_is_offered_only_in_demo_mode() {
    let app = TestApp::start().await;
    let login = app.browser().get("/login").await;
    assert!(!login.body.contains("sign in as"));
    let someone = app.signed_in(5, "five").await;
    let refused = someone
        .submit("/", "/login/demo", &[("user_id", "5")])
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);

    let demo = TestApp::start_with(Options {
        demo: true,
        ..Options::default()
    })
    .await;
    hourglass::demo::load_once(&demo.db, support::test_now())
        .await
        .expect("demo loads");
    let browser = demo.browser();
    let login = browser.get("/login").await;
    assert!(
        login.body.contains("Sign in as Ruto (organizer)"),
        "{}",
        login.body
    );
    assert!(login.body.contains("global admin"));
    let done = browser
        .submit(
            "/login",
            "/login/demo",
            &[("user_id", "900000000000000001")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert!(browser.get("/").await.body.contains("Ruto (organizer)"));

    // Only the demo's people.
    let stranger = demo
        .browser()
        .submit("/login", "/login/demo", &[("user_id", "12345")])
        .await;
    assert_eq!(stranger.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_sign_in_link_comes_back_and_pages_are_not_cached() {
    let app = TestApp::start().await;
    support::builders::event(&app.db, "s", "8", 1, support::test_now()).await;
    let browser = app.browser();
    let page = browser
        .client
        .get(browser.url("/event/s/8?x=1"))
        .send()
        .await
        .expect("page");
    let body = page.text().await.expect("body");
    assert!(
        body.contains("/login?return_to=/event/s/8%3Fx%3D1"),
        "{body}"
    );
    let index = browser
        .client
        .get(browser.url("/"))
        .send()
        .await
        .expect("index");
    assert_eq!(index.headers()["cache-control"], "no-store");
    let css = browser
        .client
        .get(browser.url("/static/style.css"))
        .send()
        .await
        .expect("css");
    assert_eq!(css.headers()["cache-control"], "max-age=300");
}
