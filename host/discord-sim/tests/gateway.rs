//! The gateway over a real websocket: HELLO → IDENTIFY → READY → GUILD_CREATE, heartbeats,
//! RESUME, and INTERACTION_CREATE for clicks and commands, all parsed with serenity.

mod common;

use common::{Bot, Gateway, WAIT, serenity_event, start};
use discord_sim::types::{CommandRequest, InteractionKind, OptionInput};
use serde_json::json;
use serenity::model::application::Interaction;
use serenity::model::event::{Event, GatewayEvent};

/// GUILDS | GUILD_MEMBERS | GUILD_MESSAGES.
const INTENTS: u64 = 1 | 2 | 512;

#[tokio::test]
async fn identify_gets_ready_then_complete_guilds_and_heartbeats_are_acked() {
    let (sim, ids, _) = start().await;
    let bot = Bot::new(&sim);
    let mut gw = Gateway::connect(&bot).await;

    let ready = gw.identify(INTENTS).await;
    assert_eq!(ready["s"], 1);
    match serenity_event(&ready) {
        GatewayEvent::Dispatch(1, Event::Ready(r)) => {
            assert_eq!(r.ready.user.id.get(), ids.bot);
            assert_eq!(r.ready.application.id.get(), ids.bot);
            assert_eq!(r.ready.guilds.len(), 1);
        }
        other => panic!("not READY: {other:?}"),
    }
    let guild = gw.dispatch("GUILD_CREATE").await;
    assert_eq!(guild["s"], 2);
    match serenity_event(&guild) {
        GatewayEvent::Dispatch(_, Event::GuildCreate(g)) => {
            assert_eq!(g.guild.name, "Example Tournament");
            assert_eq!(g.guild.channels.len(), 2);
            assert_eq!(g.guild.members.len(), 5);
        }
        other => panic!("not GUILD_CREATE: {other:?}"),
    }

    gw.send(json!({ "op": 1, "d": 2 })).await;
    let ack = gw.recv().await;
    assert_eq!(ack["op"], 11);
    assert!(matches!(serenity_event(&ack), GatewayEvent::HeartbeatAck));

    // Events the bot causes come back as dispatches serenity understands.
    let thread = bot
        .private_thread(
            ids.async_races,
            "qualifier-42-runner_one",
            &[ids.runner_one],
        )
        .await;
    let created = gw.dispatch("THREAD_CREATE").await;
    assert!(matches!(
        serenity_event(&created),
        GatewayEvent::Dispatch(_, Event::ThreadCreate(_))
    ));
    bot.post_buttons(thread, "async").await;
    let message = gw.dispatch("MESSAGE_CREATE").await;
    assert!(matches!(
        serenity_event(&message),
        GatewayEvent::Dispatch(_, Event::MessageCreate(_))
    ));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_click_dispatches_a_component_interaction_and_records_the_ack_time() {
    let (sim, ids, client) = start().await;
    let bot = Bot::new(&sim);
    let mut gw = Gateway::connect(&bot).await;
    gw.identify(INTENTS).await;
    let thread = bot
        .private_thread(
            ids.async_races,
            "qualifier-42-runner_one",
            &[ids.runner_one],
        )
        .await;
    let message = bot.post_buttons(thread, "async_ready_qualifier").await;

    let clicked = client
        .click(
            message,
            "async_ready_qualifier_ready:42:qualifier",
            ids.runner_one,
        )
        .await
        .expect("click");
    let payload = gw.dispatch("INTERACTION_CREATE").await;
    let GatewayEvent::Dispatch(_, Event::InteractionCreate(event)) = serenity_event(&payload)
    else {
        panic!("not an interaction: {payload}");
    };
    let Interaction::Component(click) = event.interaction else {
        panic!("not a component interaction")
    };
    assert_eq!(click.id.get(), clicked.interaction_id);
    assert_eq!(
        click.data.custom_id,
        "async_ready_qualifier_ready:42:qualifier"
    );
    assert_eq!(click.user.id.get(), ids.runner_one);
    assert_eq!(click.channel_id.get(), thread);
    assert_eq!(click.message.id.get(), message);
    let age = chrono::Utc::now().timestamp_millis()
        - discord_sim::created_at(clicked.interaction_id).timestamp_millis();
    assert!(
        (0..5_000).contains(&age),
        "the id embeds the time of the click ({age} ms ago)"
    );

    let callback = format!("/interactions/{}/{}/callback", click.id, click.token);
    assert_eq!(
        bot.post(
            &callback,
            json!({ "type": 4, "data": { "content": "Already ready.", "flags": 64 } })
        )
        .await
        .0,
        204
    );
    let seen = client
        .wait_for_response(clicked.interaction_id, WAIT)
        .await
        .expect("answered");
    assert_eq!(seen.kind, InteractionKind::Component);
    assert_eq!(seen.response_type, Some(4));
    assert!(!seen.failed);
    assert!(seen.ack_ms.is_some_and(|ms| ms < 2_000));
    let original = seen.original.as_ref().expect("the reply is a message");
    assert_eq!(original.visible_to, Some(ids.runner_one));
    assert_eq!(seen.response_content().as_deref(), Some("Already ready."));
    sim.shutdown().await;
}

#[tokio::test]
async fn an_unanswered_interaction_fails_after_the_deadline() {
    let (sim, ids, client) = start().await;
    let bot = Bot::new(&sim);
    let message = bot.post_buttons(ids.async_races, "async").await;
    let clicked = client
        .click(message, "async_forfeit:42:qualifier", ids.runner_two)
        .await
        .expect("click");

    let failed = client
        .wait_for_response(clicked.interaction_id, WAIT)
        .await
        .expect("settled");
    assert!(failed.failed, "This interaction failed");
    assert_eq!(failed.response_type, None);
    // Too late for an initial response, as on Discord.
    let callback = format!(
        "/interactions/{}/{}/callback",
        clicked.interaction_id, clicked.token
    );
    let (status, body) = bot.post(&callback, json!({ "type": 6 })).await;
    assert_eq!((status, body["code"].as_i64()), (404, Some(10062)));
    sim.shutdown().await;
}

#[tokio::test]
async fn commands_and_autocomplete_dispatch_parseable_interactions() {
    let (sim, ids, client) = start().await;
    let bot = Bot::new(&sim);
    let commands = json!([{ "name": "result-async", "description": "Record the time", "options": [
        { "type": 3, "name": "time", "description": "h:mm:ss", "required": true,
          "autocomplete": true },
        { "type": 6, "name": "runner", "description": "who", "required": false },
    ]}]);
    bot.call(
        "PUT",
        &format!("/applications/{}/guilds/{}/commands", ids.bot, ids.guild),
        Some(commands),
    )
    .await;
    let mut gw = Gateway::connect(&bot).await;
    gw.identify(INTENTS).await;
    let thread = bot
        .private_thread(
            ids.async_races,
            "qualifier-42-runner_one",
            &[ids.runner_one, ids.organizer],
        )
        .await;

    let option = |name: &str, value: serde_json::Value| OptionInput {
        name: name.into(),
        value: Some(value),
        options: vec![],
    };
    let run = CommandRequest {
        guild_id: Some(ids.guild),
        channel_id: thread,
        user_id: ids.organizer,
        name: "result-async".into(),
        options: vec![
            option("time", json!("1:23:45")),
            option("runner", json!(ids.runner_one.to_string())),
        ],
        focused: None,
    };
    client.command(&run).await.expect("command");
    let payload = gw.dispatch("INTERACTION_CREATE").await;
    let GatewayEvent::Dispatch(_, Event::InteractionCreate(event)) = serenity_event(&payload)
    else {
        panic!()
    };
    let Interaction::Command(cmd) = event.interaction else {
        panic!("not a command: {payload}")
    };
    assert_eq!(cmd.data.name, "result-async");
    assert_eq!(cmd.data.options[0].value.as_str(), Some("1:23:45"));
    assert_eq!(
        cmd.data.options[1]
            .value
            .as_user_id()
            .map(serenity::all::UserId::get),
        Some(ids.runner_one)
    );

    let typing = CommandRequest {
        options: vec![option("time", json!("1:2"))],
        focused: Some("time".into()),
        ..run.clone()
    };
    let typed = client.autocomplete(&typing).await.expect("autocomplete");
    let payload = gw.dispatch("INTERACTION_CREATE").await;
    let GatewayEvent::Dispatch(_, Event::InteractionCreate(event)) = serenity_event(&payload)
    else {
        panic!()
    };
    assert!(
        matches!(event.interaction, Interaction::Autocomplete(_)),
        "{payload}"
    );
    let callback = format!(
        "/interactions/{}/{}/callback",
        typed.interaction_id, typed.token
    );
    let choices =
        json!({ "type": 8, "data": { "choices": [{ "name": "1:20:00", "value": "1:20:00" }] } });
    assert_eq!(bot.post(&callback, choices).await.0, 204);

    let missing = CommandRequest {
        options: vec![],
        ..run
    };
    assert!(
        client.command(&missing).await.is_err(),
        "a required option is missing"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn every_dispatch_the_simulator_sends_parses_with_serenity() {
    use discord_sim::types::{NewChannel, NewGuild, NewMember, NewRole, NewUser};
    let (sim, ids, client) = start().await;
    let bot = Bot::new(&sim);
    let mut gw = Gateway::connect(&bot).await;
    gw.identify(INTENTS).await;
    gw.dispatch("GUILD_CREATE").await;

    let newcomer = client
        .create_user(&NewUser {
            username: "newcomer".into(),
            ..NewUser::default()
        })
        .await
        .expect("user");
    client
        .add_member(ids.guild, newcomer, &NewMember::default())
        .await
        .expect("member");
    let role = client
        .create_role(
            ids.guild,
            &NewRole {
                name: "Qualified".into(),
                ..NewRole::default()
            },
        )
        .await
        .expect("role");
    bot.put(&format!(
        "/guilds/{}/members/{newcomer}/roles/{role}",
        ids.guild
    ))
    .await;
    client
        .create_channel(
            ids.guild,
            &NewChannel {
                name: "results".into(),
                ..NewChannel::default()
            },
        )
        .await
        .expect("channel");
    let thread = bot
        .private_thread(ids.async_races, "qualifier-43", &[newcomer])
        .await;
    let message = bot.post_buttons(thread, "async").await;
    bot.patch(
        &format!("/channels/{thread}/messages/{message}"),
        json!({ "content": "edited" }),
    )
    .await;
    bot.patch(&format!("/channels/{thread}"), json!({ "archived": true }))
        .await;
    client
        .create_guild(&NewGuild {
            name: "Second".into(),
            ..NewGuild::default()
        })
        .await
        .expect("guild");
    let dm = bot
        .post(
            "/users/@me/channels",
            json!({ "recipient_id": ids.runner_one.to_string() }),
        )
        .await
        .1;
    let dm: u64 = dm["id"].as_str().expect("dm").parse().expect("id");
    let in_dm = bot.post_buttons(dm, "async_dm").await;
    client
        .click(in_dm, "async_dm_ready:42:qualifier", ids.runner_one)
        .await
        .expect("click in DM");

    let expected = [
        "GUILD_MEMBER_ADD",
        "GUILD_ROLE_CREATE",
        "GUILD_MEMBER_UPDATE",
        "CHANNEL_CREATE",
        "THREAD_CREATE",
        "THREAD_MEMBERS_UPDATE",
        "MESSAGE_CREATE",
        "MESSAGE_UPDATE",
        "THREAD_UPDATE",
        "GUILD_CREATE",
        "INTERACTION_CREATE",
    ];
    for event in expected {
        let payload = gw.dispatch(event).await;
        serenity_event(&payload);
        if event == "INTERACTION_CREATE" {
            let GatewayEvent::Dispatch(_, Event::InteractionCreate(e)) = serenity_event(&payload)
            else {
                panic!()
            };
            let Interaction::Component(click) = e.interaction else {
                panic!("DM click: {payload}")
            };
            assert_eq!(
                (click.guild_id, click.user.id.get()),
                (None, ids.runner_one)
            );
        }
    }
    sim.shutdown().await;
}
