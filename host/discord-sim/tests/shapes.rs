//! Every fixture and every REST answer of the simulator parses with serenity 0.12's types.

mod common;

use common::{Bot, start};
use serde_json::{Value, json};
use serenity::model::application::{Command, CurrentApplicationInfo, Interaction};
use serenity::model::channel::{ChannelType, GuildChannel, Message};
use serenity::model::gateway::BotGateway;
use serenity::model::guild::{Member, PartialGuild, Role, ThreadMember};
use serenity::model::user::{CurrentUser, User};
use std::path::PathBuf;

fn fixture(name: &str) -> Value {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/discord");
    let text = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).expect("fixture is JSON")
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, v: &Value) -> T {
    serde_json::from_value(v.clone())
        .unwrap_or_else(|e| panic!("serenity cannot parse {what}: {e}\n{v:#}"))
}

#[test]
fn every_fixture_parses_with_serenity() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/discord");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures directory")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 17, "{names:?}");

    for name in &names {
        let v = fixture(name);
        match name.as_str() {
            "channel_private_thread.json" => {
                let c: GuildChannel = parse(name, &v);
                assert_eq!(c.kind, ChannelType::PrivateThread);
            }
            "error_missing_access.json" | "error_unknown_channel.json" => {
                let e: serenity::http::DiscordJsonError = parse(name, &v);
                assert!(e.code == 50001 || e.code == 10003);
            }
            "error_rate_limited.json" => {
                assert!(
                    serde_json::from_value::<serenity::http::DiscordJsonError>(v.clone()).is_err()
                );
                assert_eq!(v["retry_after"], 0.5);
            }
            "gateway_bot.json" => drop(parse::<BotGateway>(name, &v)),
            "gateway_guild_create.json" | "gateway_ready.json" | "gateway_hello.json" => {
                drop(common::serenity_event(&v));
            }
            "guild_member.json" => drop(parse::<Member>(name, &v)),
            "interaction_autocomplete.json" => {
                assert!(matches!(
                    parse::<Interaction>(name, &v),
                    Interaction::Autocomplete(_)
                ));
            }
            "interaction_button_in_dm.json" | "interaction_button_in_thread.json" => {
                assert!(matches!(
                    parse::<Interaction>(name, &v),
                    Interaction::Component(_)
                ));
            }
            "interaction_slash_result_async.json" => {
                assert!(matches!(
                    parse::<Interaction>(name, &v),
                    Interaction::Command(_)
                ));
            }
            "message_with_buttons.json" => drop(parse::<Message>(name, &v)),
            "oauth_token_response.json" => assert_eq!(v["token_type"], "Bearer"),
            "thread_member.json" => drop(parse::<ThreadMember>(name, &v)),
            "user_me.json" => {
                drop(parse::<CurrentUser>(name, &v));
                drop(parse::<User>(name, &v));
            }
            other => panic!("new fixture {other}: add it to this test"),
        }
    }
}

#[tokio::test]
async fn rest_answers_parse_with_serenity() {
    let (sim, ids, client) = start().await;
    let bot = Bot::new(&sim);

    let (status, me) = bot.get("/users/@me").await;
    assert_eq!(status, 200);
    let me: CurrentUser = parse("users/@me", &me);
    assert!(me.bot);

    let (_, gateway) = bot.get("/gateway/bot").await;
    let gateway: BotGateway = parse("gateway/bot", &gateway);
    assert!(
        gateway.url.starts_with("ws://127.0.0.1:"),
        "{}",
        gateway.url
    );

    let (status, app) = bot.get("/oauth2/applications/@me").await;
    assert_eq!(status, 200);
    let app: CurrentApplicationInfo = parse("application", &app);
    assert_eq!(app.id.get(), ids.bot);

    let (_, channel) = bot.get(&format!("/channels/{}", ids.async_races)).await;
    let channel: GuildChannel = parse("text channel", &channel);
    assert_eq!(channel.name, "async-races");

    let (status, thread) = bot
        .post(
            &format!("/channels/{}/threads", ids.async_races),
            json!({ "name": "qualifier-42-runner_one", "type": 12, "invitable": false }),
        )
        .await;
    assert_eq!(status, 201);
    let thread: GuildChannel = parse("created thread", &thread);
    assert_eq!(thread.kind, ChannelType::PrivateThread);
    let thread_id = thread.id.get();
    assert_eq!(
        bot.put(&format!(
            "/channels/{thread_id}/thread-members/{}",
            ids.runner_one
        ))
        .await
        .0,
        204
    );
    let (_, got) = bot.get(&format!("/channels/{thread_id}")).await;
    drop(parse::<GuildChannel>("thread", &got));
    let (_, tm) = bot
        .get(&format!(
            "/channels/{thread_id}/thread-members/{}",
            ids.runner_one
        ))
        .await;
    drop(parse::<ThreadMember>("thread member", &tm));
    let (_, tms) = bot
        .get(&format!("/channels/{thread_id}/thread-members"))
        .await;
    assert_eq!(parse::<Vec<ThreadMember>>("thread members", &tms).len(), 2);

    let message_id = bot.post_buttons(thread_id, "async").await;
    let (_, messages) = bot
        .get(&format!("/channels/{thread_id}/messages?&limit=50"))
        .await;
    let messages: Vec<Message> = parse("messages", &messages);
    assert_eq!(messages[0].id.get(), message_id);
    assert_eq!(messages[0].components[0].components.len(), 3);
    let (status, edited) = bot
        .patch(
            &format!("/channels/{thread_id}/messages/{message_id}"),
            json!({ "content": "<@772939104387203074> edited" }),
        )
        .await;
    assert_eq!(status, 200);
    let edited: Message = parse("edited message", &edited);
    assert!(edited.edited_timestamp.is_some());
    assert_eq!(edited.mentions.len(), 1);

    let (_, member) = bot
        .get(&format!("/guilds/{}/members/{}", ids.guild, ids.runner_one))
        .await;
    let member: Member = parse("member", &member);
    assert_eq!(member.roles.len(), 1);
    let (_, roles) = bot.get(&format!("/guilds/{}/roles", ids.guild)).await;
    assert_eq!(parse::<Vec<Role>>("roles", &roles).len(), 3);
    let (_, guild) = bot.get(&format!("/guilds/{}", ids.guild)).await;
    drop(parse::<PartialGuild>("guild", &guild));
    let (_, channels) = bot.get(&format!("/guilds/{}/channels", ids.guild)).await;
    assert_eq!(
        parse::<Vec<GuildChannel>>("guild channels", &channels).len(),
        2
    );
    let (status, dm) = bot
        .post(
            "/users/@me/channels",
            json!({ "recipient_id": ids.runner_one.to_string() }),
        )
        .await;
    assert_eq!(status, 200);
    drop(parse::<serenity::model::channel::PrivateChannel>("dm", &dm));

    let commands = json!([{
        "name": "result-async", "description": "Record the official time of this run", "type": 1,
        "options": [{
            "type": 3, "name": "time", "description": "h:mm:ss",
            "required": true, "autocomplete": true,
        }],
    }]);
    let (status, global) = bot
        .call(
            "PUT",
            &format!("/applications/{}/commands", ids.bot),
            Some(commands.clone()),
        )
        .await;
    assert_eq!(status, 200);
    let global: Vec<Command> = parse("global commands", &global);
    let (_, again) = bot
        .call(
            "PUT",
            &format!("/applications/{}/commands", ids.bot),
            Some(commands.clone()),
        )
        .await;
    assert_eq!(
        parse::<Vec<Command>>("again", &again)[0].id,
        global[0].id,
        "ids survive re-registration"
    );
    let (status, guild_cmds) = bot
        .call(
            "PUT",
            &format!("/applications/{}/guilds/{}/commands", ids.bot, ids.guild),
            Some(commands),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        parse::<Vec<Command>>("guild commands", &guild_cmds)[0]
            .guild_id
            .map(serenity::all::GuildId::get),
        Some(ids.guild)
    );

    // Interaction responses: original response and follow-ups are messages too.
    let clicked = client
        .click(message_id, "async_ready:42:qualifier", ids.runner_one)
        .await
        .expect("click");
    let callback = format!(
        "/interactions/{}/{}/callback",
        clicked.interaction_id, clicked.token
    );
    assert_eq!(
        bot.post(&callback, json!({ "type": 5, "data": { "flags": 64 } }))
            .await
            .0,
        204
    );
    let original = format!("/webhooks/{}/{}/messages/@original", ids.bot, clicked.token);
    let (status, edited) = bot
        .patch(
            &original,
            json!({ "content": "Seed: https://ootrandomizer.com/seed/get?id=1" }),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    drop(parse::<Message>("edited original", &edited));
    let (status, followup) = bot
        .post(
            &format!("/webhooks/{}/{}", ids.bot, clicked.token),
            json!({ "content": "Good luck!" }),
        )
        .await;
    assert_eq!(status, 200);
    let followup: Message = parse("follow-up", &followup);
    let (_, got) = bot
        .get(&format!(
            "/webhooks/{}/{}/messages/{}",
            ids.bot, clicked.token, followup.id
        ))
        .await;
    drop(parse::<Message>("follow-up fetched", &got));
    sim.shutdown().await;
}

#[tokio::test]
async fn response_types_update_messages_like_discord() {
    use discord_sim::types::ModalSubmitRequest;
    let (sim, ids, client) = start().await;
    let bot = Bot::new(&sim);
    let message = bot.post_buttons(ids.async_races, "async").await;
    let callback = |d: &discord_sim::types::Dispatched| {
        format!("/interactions/{}/{}/callback", d.interaction_id, d.token)
    };

    // 7: the clicked message is updated in place.
    let first = client
        .click(message, "async_ready:42:qualifier", ids.runner_one)
        .await
        .expect("click");
    let update =
        json!({ "type": 7, "data": { "content": "Ready — seed below.", "components": [] } });
    assert_eq!(bot.post(&callback(&first), update).await.0, 204);
    let shown = client.messages(ids.async_races).await.expect("messages");
    assert_eq!(
        (shown.len(), shown[0].content.as_str()),
        (1, "Ready — seed below.")
    );
    assert!(shown[0].components.is_empty());
    assert!(
        client
            .click(message, "async_ready:42:qualifier", ids.runner_one)
            .await
            .is_err(),
        "the button is gone"
    );

    // 5 then a follow-up: the follow-up fills the "thinking" reply.
    let message = bot.post_buttons(ids.async_races, "async_two").await;
    let deferred = client
        .click(message, "async_two_forfeit:42:qualifier", ids.runner_one)
        .await
        .expect("click");
    assert_eq!(
        bot.post(&callback(&deferred), json!({ "type": 5 })).await.0,
        204
    );
    let thinking = client
        .interaction(deferred.interaction_id)
        .await
        .expect("view")
        .original
        .expect("placeholder");
    assert_eq!(thinking.flags & 128, 128);
    let (status, filled) = bot
        .post(
            &format!("/webhooks/{}/{}", ids.bot, deferred.token),
            json!({ "content": "Forfeit recorded." }),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(parse::<Message>("filled", &filled).id.get(), thinking.id);
    let second = bot
        .post(
            &format!("/webhooks/{}/{}", ids.bot, deferred.token),
            json!({ "content": "Bye", "flags": 64 }),
        )
        .await
        .1;
    let view = client
        .interaction(deferred.interaction_id)
        .await
        .expect("view");
    assert_eq!(
        view.response_content().as_deref(),
        Some("Forfeit recorded.")
    );
    assert_eq!(view.followups.len(), 1);
    assert_eq!(view.followups[0].visible_to, Some(ids.runner_one));
    assert_eq!(second["flags"], 64);

    // 9 opens a modal; submitting it is a new interaction; 8 is only for autocomplete.
    let opener = client
        .click(message, "async_two_ready:42:qualifier", ids.runner_one)
        .await
        .expect("click");
    let wrong = bot
        .post(
            &callback(&opener),
            json!({ "type": 8, "data": { "choices": [] } }),
        )
        .await;
    assert_eq!((wrong.0, wrong.1["code"].as_i64()), (400, Some(50035)));
    let input = json!({ "type": 4, "custom_id": "vod_url", "label": "VOD link", "style": 1 });
    let modal = json!({ "type": 9, "data": {
        "custom_id": "vod:42", "title": "Your VOD",
        "components": [{ "type": 1, "components": [input] }],
    }});
    assert_eq!(bot.post(&callback(&opener), modal).await.0, 204);
    let values = [("vod_url".to_owned(), "https://example.org/v/1".to_owned())].into();
    let submitted = client
        .submit_modal(&ModalSubmitRequest {
            interaction_id: opener.interaction_id,
            values,
        })
        .await
        .expect("submit");
    assert_eq!(
        bot.post(&callback(&submitted), json!({ "type": 6 }))
            .await
            .0,
        204
    );
    let view = client
        .interaction(submitted.interaction_id)
        .await
        .expect("view");
    assert_eq!(view.custom_id.as_deref(), Some("vod:42"));
    assert_eq!(view.kind, discord_sim::types::InteractionKind::ModalSubmit);
    let payload = client
        .interaction_payload(submitted.interaction_id)
        .await
        .expect("payload");
    let Interaction::Modal(modal) = parse::<Interaction>("modal submit", &payload) else {
        panic!("{payload}")
    };
    assert_eq!(modal.data.custom_id, "vod:42");
    sim.shutdown().await;
}
