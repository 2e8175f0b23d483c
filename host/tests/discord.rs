//! The real bot (poise on serenity) against the loopback Discord simulator: gateway and
//! command registration, the button router, `/result-async`, and the notice outbox.

mod support;

use std::time::Duration;

use chrono::TimeDelta;
use discord_sim::ExampleIds;
use discord_sim::types::{CommandRequest, InteractionView, NewChannel, OptionInput};
use hourglass_sdk::discord::{BotError, ButtonClick, poise::serenity_prelude as serenity};
use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::inventory;
use hourglass_sdk::plugin::{Plugin, PluginRegistration};
use serenity::{ChannelId, CreateActionRow, CreateButton, CreateMessage};

use support::builders::event;
use support::{Options, TestApp, test_now};

const IDS: ExampleIds = ExampleIds::FIXED;
const WAIT: Duration = Duration::from_secs(10);

/// A plugin that exists only in this test binary, to watch the router deliver clicks.
struct EchoPlugin;

#[hourglass_sdk::async_trait]
impl Plugin for EchoPlugin {
    fn name(&self) -> &'static str {
        "test-echo"
    }

    fn description(&self) -> &'static str {
        "answers clicks in tests"
    }

    fn button_stems(&self) -> &'static [&'static str] {
        &["test_echo", "test_slow", "test_fail"]
    }

    async fn click(&self, click: &ButtonClick<'_>) -> Result<(), BotError> {
        match click.custom_id.stem {
            "test_slow" => {
                tokio::time::sleep(Duration::from_millis(2600)).await;
                click.reply_private("slow answer").await?;
            }
            "test_fail" => return Err("connection to db-7 refused (internal detail)".into()),
            _ => {
                click
                    .reply_private(format!("echo {}", click.custom_id.keys.join(",")))
                    .await?;
            }
        }
        Ok(())
    }
}

inventory::submit!(PluginRegistration(&EchoPlugin));

async fn discord_app() -> TestApp {
    TestApp::start_with(Options {
        discord: true,
        ..Options::default()
    })
    .await
}

/// The bot posts a message with one button; returns the message id.
async fn post_button(app: &TestApp, custom_id: &str) -> u64 {
    let http = &app.bot.as_ref().expect("bot").http;
    let row = CreateActionRow::Buttons(vec![CreateButton::new(custom_id).label("Press")]);
    let message = CreateMessage::new()
        .content("A button")
        .components(vec![row]);
    ChannelId::new(IDS.async_races)
        .send_message(http, message)
        .await
        .expect("posted")
        .id
        .get()
}

async fn click(app: &TestApp, message: u64, custom_id: &str, user: u64) -> InteractionView {
    let client = app.sim.client();
    let dispatched = client.click(message, custom_id, user).await.expect("click");
    client
        .wait_for_response(dispatched.interaction_id, WAIT)
        .await
        .expect("answered")
}

/// Everything the user was shown in answer to an interaction.
fn answer_text(view: &InteractionView) -> String {
    let mut text = view.response_content().unwrap_or_default();
    for followup in &view.followups {
        text.push('\n');
        text.push_str(&followup.content);
    }
    text
}

async fn result_async(app: &TestApp, channel: u64, user: u64, time: &str) -> InteractionView {
    let client = app.sim.client();
    let request = CommandRequest {
        guild_id: Some(IDS.guild),
        channel_id: channel,
        user_id: user,
        name: "result-async".into(),
        options: vec![OptionInput {
            name: "time".into(),
            value: Some(serde_json::json!(time)),
            options: vec![],
        }],
        focused: None,
    };
    let dispatched = client.command(&request).await.expect("command");
    client
        .wait_for_interaction(dispatched.interaction_id, WAIT, |view| {
            view.failed || !answer_text(view).trim().is_empty()
        })
        .await
        .expect("answered")
}

#[tokio::test]
async fn the_bot_connects_and_registers_its_commands() {
    let app = discord_app().await;
    let commands = app.sim.client().commands().await.expect("commands");
    let result = commands
        .iter()
        .find(|command| command["name"] == "result-async")
        .expect("/result-async is registered");
    let options = result["options"].as_array().expect("options");
    assert_eq!(options[0]["name"], "time");
    assert_eq!(options[0]["required"], true);
    assert_eq!(options[0]["autocomplete"], true);
    assert_eq!(options[1]["name"], "vod");
}

#[tokio::test]
async fn a_click_reaches_its_plugin_and_is_acknowledged_at_once() {
    let app = discord_app().await;
    let message = post_button(&app, "test_echo:42:qualifier").await;
    let view = click(&app, message, "test_echo:42:qualifier", IDS.runner_one).await;
    assert!(!view.failed);
    assert_eq!(view.response_type, Some(4));
    assert_eq!(
        view.response_content().as_deref(),
        Some("echo 42,qualifier")
    );
    assert_eq!(
        view.response.as_ref().and_then(|r| r["flags"].as_u64()),
        Some(64),
        "private"
    );
    assert!(
        view.ack_ms.is_some_and(|ms| ms < 3000),
        "ack in {:?} ms",
        view.ack_ms
    );
}

#[tokio::test]
async fn an_unknown_or_stale_button_gets_a_short_private_reply() {
    let app = discord_app().await;
    let message = post_button(&app, "async_ready_qualifierx:1:qualifier").await;
    let view = click(
        &app,
        message,
        "async_ready_qualifierx:1:qualifier",
        IDS.runner_one,
    )
    .await;
    assert!(!view.failed);
    assert_eq!(
        view.response_content().as_deref(),
        Some("This button is no longer active.")
    );
    assert_eq!(
        view.response.as_ref().and_then(|r| r["flags"].as_u64()),
        Some(64)
    );
}

#[tokio::test]
async fn a_slow_handler_is_deferred_in_time_and_a_failing_one_explains_plainly() {
    let app = discord_app().await;
    let slow = post_button(&app, "test_slow:1").await;
    let client = app.sim.client();
    let dispatched = client
        .click(slow, "test_slow:1", IDS.runner_one)
        .await
        .expect("click");
    let view = client
        .wait_for_interaction(dispatched.interaction_id, WAIT, |view| {
            !view.followups.is_empty()
        })
        .await
        .expect("answered");
    assert!(
        !view.failed,
        "the user never sees 'This interaction failed'"
    );
    assert_eq!(view.response_type, Some(6), "deferred by the router");
    assert!(view.ack_ms.is_some_and(|ms| ms < 3000));
    assert_eq!(view.followups[0].content, "slow answer");

    let failing = post_button(&app, "test_fail:1").await;
    let view = click(&app, failing, "test_fail:1", IDS.runner_one).await;
    let text = answer_text(&view);
    assert!(text.contains("Something went wrong on our side"), "{text}");
    assert!(!text.contains("db-7"), "internal detail leaked: {text}");
}

/// An event whose qualifier thread for team "Hookshot Hooligans" is a real private thread.
async fn qualifier_thread(app: &TestApp) -> (u64, i64) {
    let setup = event(&app.db, "s", "8", 1, test_now() + TimeDelta::days(14)).await;
    setup
        .organizer(i64::try_from(IDS.organizer).expect("id"), "organizer")
        .await;
    let runner = i64::try_from(IDS.runner_one).expect("id");
    let team = setup
        .team("Hookshot Hooligans", &[(runner, "runner_one")])
        .await;
    let thread = app
        .sim
        .client()
        .create_channel(
            IDS.guild,
            &NewChannel {
                name: "Qualifier: Hookshot Hooligans".into(),
                kind: Some(12),
                parent_id: Some(IDS.async_races),
                members: vec![IDS.runner_one, IDS.runner_two, IDS.organizer],
                ..NewChannel::default()
            },
        )
        .await
        .expect("thread")
        .id;
    sqlx::query(
        "INSERT INTO async_teams (team, kind, requested, discord_thread) VALUES ($1, $2, $3, $4)",
    )
    .bind(team)
    .bind(AsyncKind::Qualifier)
    .bind(test_now())
    .bind(i64::try_from(thread).expect("id"))
    .execute(&app.db)
    .await
    .expect("request with thread");
    (thread, team)
}

#[tokio::test]
async fn result_async_outside_a_run_thread_says_where_to_use_it() {
    let app = discord_app().await;
    let view = result_async(&app, IDS.async_races, IDS.organizer, "1:23:45").await;
    assert!(!view.failed);
    assert_eq!(view.response_type, Some(5), "deferred at once (case 15)");
    let text = answer_text(&view);
    assert!(
        text.contains("inside the private thread of an async run"),
        "{text}"
    );
}

#[tokio::test]
async fn result_async_is_for_the_run_events_organizers_only() {
    let app = discord_app().await;
    let (thread, _) = qualifier_thread(&app).await;
    let view = result_async(&app, thread, IDS.runner_one, "1:23:45").await;
    let text = answer_text(&view);
    assert!(
        text.contains("Only the organizers of this run's event"),
        "{text}"
    );
    assert!(text.contains("Qualifier of Hookshot Hooligans"), "{text}");

    // An organizer of another event is refused too.
    let other = event(&app.db, "s", "9", 1, test_now()).await;
    other
        .organizer(i64::try_from(IDS.runner_two).expect("id"), "runner_two")
        .await;
    let view = result_async(&app, thread, IDS.runner_two, "1:23:45").await;
    assert!(answer_text(&view).contains("Only the organizers"));
}

#[tokio::test]
async fn result_async_refuses_what_is_not_a_time_and_writes_nothing() {
    let app = discord_app().await;
    let (thread, team) = qualifier_thread(&app).await;
    for bad in ["-1:23:45", "1:60:00", "1:23:60", "fast", "83:45"] {
        let view = result_async(&app, thread, IDS.organizer, bad).await;
        let text = answer_text(&view);
        assert!(
            text.contains("is not a time") && text.contains("Nothing was recorded"),
            "{bad}: {text}"
        );
        assert_eq!(
            view.original.as_ref().map(|m| m.flags & 64),
            Some(64),
            "private"
        );
    }
    let written: (Option<chrono::DateTime<chrono::Utc>>, i64) = sqlx::query_as(
        "SELECT submitted, (SELECT count(*) FROM async_players) FROM async_teams WHERE team = $1",
    )
    .bind(team)
    .fetch_one(&app.db)
    .await
    .expect("row");
    assert_eq!(written, (None, 0));
}

#[tokio::test]
async fn result_async_autocomplete_shows_how_the_time_is_read() {
    let app = discord_app().await;
    let client = app.sim.client();
    let typed = |time: &str| CommandRequest {
        guild_id: Some(IDS.guild),
        channel_id: IDS.async_races,
        user_id: IDS.organizer,
        name: "result-async".into(),
        options: vec![OptionInput {
            name: "time".into(),
            value: Some(serde_json::json!(time)),
            options: vec![],
        }],
        focused: Some("time".into()),
    };
    for (input, expected) in [("1:02:03", "1:02:03"), ("1:2", "1:23:45")] {
        let dispatched = client
            .autocomplete(&typed(input))
            .await
            .expect("autocomplete");
        let view = client
            .wait_for_response(dispatched.interaction_id, WAIT)
            .await
            .expect("answer");
        assert_eq!(view.response_type, Some(8), "an autocomplete result");
        let choices = view.response.as_ref().expect("data")["choices"].clone();
        assert_eq!(choices[0]["value"], expected, "{input}: {choices}");
    }
}
