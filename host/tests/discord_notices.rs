//! Discord notices after a web submission, sent through the real serenity client to the
//! simulator: never lost when Discord fails, never sent twice.

mod support;

use chrono::TimeDelta;
use discord_sim::ExampleIds;
use discord_sim::types::{Fault, FaultSpec, NewRole};
use hourglass::discord::notices::SendReport;
use hourglass_sdk::clock::Clock;
use reqwest::StatusCode;

use support::builders::event;
use support::{TestApp, test_now};

const IDS: ExampleIds = ExampleIds::FIXED;

/// An event whose qualifier posts its result notice in `general` and grants a new role,
/// `Qualified`; returns the role's id too.
async fn notifying_event(app: &TestApp) -> (support::builders::EventSetup<'_>, u64) {
    let role = app
        .sim
        .client()
        .create_role(
            IDS.guild,
            &NewRole {
                name: "Qualified".into(),
                ..NewRole::default()
            },
        )
        .await
        .expect("role");
    let now = test_now();
    let setup = event(&app.db, "s", "8", 1, now + TimeDelta::days(14)).await;
    setup.set(&format!("discord_guild = {}", IDS.guild)).await;
    setup.open_qualifier().await;
    sqlx::query("UPDATE asyncs SET discord_channel = $1, discord_role = $2")
        .bind(i64::try_from(IDS.general).expect("id"))
        .bind(i64::try_from(role).expect("id"))
        .execute(&app.db)
        .await
        .expect("discord settings");
    setup
        .team(
            "Bottle <Boys>",
            &[(i64::try_from(IDS.runner_three).expect("id"), "runner_three")],
        )
        .await;
    (setup, role)
}

async fn submit_on_the_web(app: &TestApp, setup: &support::builders::EventSetup<'_>) {
    let runner = i64::try_from(IDS.runner_three).expect("id");
    let browser = app.signed_in(runner, "runner_three").await;
    setup.request(&browser, "qualifier").await;
    let done = setup
        .submit_result(
            &browser,
            "qualifier",
            &[(runner, "1:30:00", "https://v.example/1")],
            &[],
        )
        .await;
    assert_eq!(
        done.status,
        StatusCode::SEE_OTHER,
        "the submission stands: {}",
        done.body
    );
}

/// One pass of the notice sender, as the host runs it, at the test clock's "now".
async fn send_notices(app: &TestApp) -> SendReport {
    let token = app.config.discord.bot_token.clone().expect("token");
    let http = hourglass::discord::http_client(&app.config.discord, &token, IDS.bot);
    hourglass::discord::notices::send_due(&app.db, &http, app.clock.now())
        .await
        .expect("send")
}

fn notice_count(app: &TestApp) -> usize {
    app.sim
        .state()
        .messages(IDS.general)
        .expect("messages")
        .iter()
        .filter(|message| message.content.contains("has submitted the Qualifier"))
        .count()
}

#[tokio::test]
async fn notices_survive_a_discord_error_and_are_sent_exactly_once() {
    let app = TestApp::start().await;
    let (setup, role) = notifying_event(&app).await;
    app.sim
        .state()
        .add_fault(FaultSpec {
            route: "POST /channels/*/messages".into(),
            fault: Fault::Status(500),
            times: 1,
        })
        .expect("fault");
    submit_on_the_web(&app, &setup).await;

    let first = send_notices(&app).await;
    assert_eq!(
        (first.sent, first.failed),
        (1, 1),
        "the role went out, the message failed"
    );
    assert_eq!(notice_count(&app), 0);
    let member = app
        .sim
        .client()
        .member(IDS.guild, IDS.runner_three)
        .await
        .expect("member");
    assert!(member.roles.contains(&role));

    // Not due yet: nothing is tried again at once.
    let early = send_notices(&app).await;
    assert_eq!((early.sent, early.failed), (0, 0));

    app.clock.advance(TimeDelta::minutes(1));
    let retry = send_notices(&app).await;
    assert_eq!((retry.sent, retry.failed), (1, 0));
    assert_eq!(notice_count(&app), 1);
    let posted = app.sim.state().messages(IDS.general).expect("messages");
    assert!(
        posted
            .iter()
            .any(|m| m.content == "**Bottle \\<Boys\\>** has submitted the Qualifier."),
        "{posted:?}"
    );

    app.clock.advance(TimeDelta::hours(2));
    send_notices(&app).await;
    assert_eq!(notice_count(&app), 1, "never sent twice");
}

#[tokio::test]
async fn a_rate_limited_notice_waits_and_then_goes_out() {
    let app = TestApp::start().await;
    let (setup, role) = notifying_event(&app).await;
    app.sim
        .state()
        .add_fault(FaultSpec {
            route: "PUT /guilds/*/members/*/roles/*".into(),
            fault: Fault::RateLimit {
                retry_after: 0.5,
                global: false,
            },
            times: 1,
        })
        .expect("fault");
    submit_on_the_web(&app, &setup).await;

    let first = send_notices(&app).await;
    assert_eq!((first.sent, first.failed), (1, 1));
    let member = app
        .sim
        .client()
        .member(IDS.guild, IDS.runner_three)
        .await
        .expect("member");
    assert!(!member.roles.contains(&role));
    let pending: Option<String> =
        sqlx::query_scalar("SELECT last_error FROM discord_notices WHERE sent_at IS NULL")
            .fetch_one(&app.db)
            .await
            .expect("pending notice");
    assert!(pending.is_some());

    app.clock.advance(TimeDelta::minutes(1));
    let retry = send_notices(&app).await;
    assert_eq!((retry.sent, retry.failed), (1, 0));
    let member = app
        .sim
        .client()
        .member(IDS.guild, IDS.runner_three)
        .await
        .expect("member");
    assert!(member.roles.contains(&role));
    let unsent: i64 =
        sqlx::query_scalar("SELECT count(*) FROM discord_notices WHERE sent_at IS NULL")
            .fetch_one(&app.db)
            .await
            .expect("count");
    assert_eq!(unsent, 0);
}
