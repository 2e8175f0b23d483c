//! Discord's error answers, and injected faults.

mod common;

use common::{Bot, start};
use discord_sim::types::{Fault, FaultSpec, NewChannel, NewGuild, NewMember};
use serde_json::{Value, json};
use serenity::http::DiscordJsonError;
use std::time::{Duration, Instant};

fn code(body: &Value) -> i64 {
    let parsed: DiscordJsonError =
        serde_json::from_value(body.clone()).expect("serenity reads Discord's error body");
    i64::try_from(parsed.code).expect("code")
}

#[tokio::test]
async fn missing_or_wrong_tokens_get_401() {
    let (sim, ids, _) = start().await;
    let http = reqwest::Client::new();
    let url = format!("{}/api/v10/channels/{}", sim.base_url(), ids.async_races);
    let response = http.get(&url).send().await.expect("request");
    assert_eq!(response.status(), 401);
    assert_eq!(
        response.json::<Value>().await.expect("json"),
        json!({ "message": "401: Unauthorized", "code": 0 })
    );
    let wrong = http
        .get(&url)
        .header("Authorization", "Bot wrong")
        .send()
        .await
        .expect("request");
    assert_eq!(wrong.status(), 401);
    sim.shutdown().await;
}

#[tokio::test]
async fn unknown_things_get_their_codes() {
    let (sim, ids, _) = start().await;
    let bot = Bot::new(&sim);
    let (status, body) = bot.get("/channels/1234567890123").await;
    assert_eq!((status, code(&body)), (404, 10003));
    assert_eq!(body["message"], "Unknown Channel");
    let (status, body) = bot
        .get(&format!("/channels/{}/messages/42", ids.general))
        .await;
    assert_eq!((status, code(&body)), (404, 10008));
    let (status, body) = bot
        .post("/interactions/42/nope/callback", json!({ "type": 6 }))
        .await;
    assert_eq!((status, code(&body)), (404, 10062));
    let (status, body) = bot.get(&format!("/guilds/{}/members/42", ids.guild)).await;
    assert_eq!((status, code(&body)), (404, 10007));
    let (status, body) = bot.get("/no/such/route").await;
    assert_eq!((status, code(&body)), (404, 0));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_second_initial_response_gets_40060() {
    let (sim, ids, client) = start().await;
    let bot = Bot::new(&sim);
    let message = bot.post_buttons(ids.async_races, "async").await;
    let clicked = client
        .click(message, "async_ready:42:qualifier", ids.runner_one)
        .await
        .expect("click");
    let callback = format!(
        "/interactions/{}/{}/callback",
        clicked.interaction_id, clicked.token
    );
    assert_eq!(bot.post(&callback, json!({ "type": 6 })).await.0, 204);
    let (status, body) = bot
        .post(
            &callback,
            json!({ "type": 4, "data": { "content": "again" } }),
        )
        .await;
    assert_eq!((status, code(&body)), (400, 40060));
    assert_eq!(
        body["message"],
        "Interaction has already been acknowledged."
    );

    let wrong = client
        .click(message, "not_on_this_message", ids.runner_one)
        .await;
    assert!(
        matches!(
            wrong,
            Err(discord_sim::ClientError::Refused { status: 400, .. })
        ),
        "{wrong:?}"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn private_threads_refuse_non_members_with_50001() {
    let (sim, ids, client) = start().await;
    let bot = Bot::new(&sim);
    // A guild where the bot lacks MANAGE_THREADS, which would let it see every private thread.
    let plain = 1 << 10 | 1 << 11 | 1 << 36 | 1 << 38;
    let guild = NewGuild {
        name: "Strict".into(),
        owner_id: Some(ids.organizer),
        bot_permissions: Some(plain),
        everyone_permissions: Some(0),
        ..NewGuild::default()
    };
    let guild = client.create_guild(&guild).await.expect("guild");
    client
        .add_member(guild, ids.runner_one, &NewMember::default())
        .await
        .expect("member");
    let parent = client
        .create_channel(
            guild,
            &NewChannel {
                name: "races".into(),
                ..NewChannel::default()
            },
        )
        .await
        .expect("channel");
    let theirs = NewChannel {
        name: "runner-thread".into(),
        kind: Some(12),
        parent_id: Some(parent.id),
        owner_id: Some(ids.runner_one),
        ..NewChannel::default()
    };
    let theirs = client.create_channel(guild, &theirs).await.expect("thread");

    let (status, body) = bot
        .post(
            &format!("/channels/{}/messages", theirs.id),
            json!({ "content": "hi" }),
        )
        .await;
    assert_eq!((status, code(&body)), (403, 50001));
    assert_eq!(body["message"], "Missing Access");

    // A thread the bot created has the bot as member.
    let own = bot
        .private_thread(parent.id, "bot-thread", &[ids.runner_one])
        .await;
    assert_eq!(
        bot.post(
            &format!("/channels/{own}/messages"),
            json!({ "content": "hi" })
        )
        .await
        .0,
        200
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn oversized_messages_and_components_get_invalid_form_body() {
    let (sim, ids, _) = start().await;
    let bot = Bot::new(&sim);
    let path = format!("/channels/{}/messages", ids.general);
    assert_eq!(
        bot.post(&path, json!({ "content": "x".repeat(2000) }))
            .await
            .0,
        200
    );
    let (status, body) = bot
        .post(&path, json!({ "content": "é".repeat(2001) }))
        .await;
    assert_eq!((status, code(&body)), (400, 50035));
    assert_eq!(body["message"], "Invalid Form Body");
    assert_eq!(
        body["errors"]["content"]["_errors"][0]["code"],
        "BASE_TYPE_MAX_LENGTH"
    );

    let button =
        |i: usize| json!({ "type": 2, "style": 1, "label": "B", "custom_id": format!("b:{i}") });
    let buttons: Vec<Value> = (0..6).map(button).collect();
    let six =
        json!({ "content": "too many", "components": [{ "type": 1, "components": buttons }] });
    let (status, body) = bot.post(&path, six).await;
    assert_eq!((status, code(&body)), (400, 50035));
    assert!(
        body["errors"]["components"]["0"]["components"]["_errors"].is_array(),
        "{body}"
    );

    let long = json!({ "type": 2, "style": 1, "label": "x", "custom_id": "c".repeat(101) });
    let long_id = json!({ "components": [{ "type": 1, "components": [long] }] });
    let (status, body) = bot.post(&path, long_id).await;
    assert_eq!((status, code(&body)), (400, 50035));
    let parsed: DiscordJsonError = serde_json::from_value(body).expect("errors");
    assert_eq!(parsed.errors[0].path, "components.0.components.0.custom_id");

    let (status, body) = bot.post(&path, json!({ "content": "" })).await;
    assert_eq!((status, code(&body)), (400, 50006));
    sim.shutdown().await;
}

#[tokio::test]
async fn faults_fire_for_the_next_n_matching_calls() {
    let (sim, ids, client) = start().await;
    let bot = Bot::new(&sim);
    let path = format!("/channels/{}/messages", ids.general);
    let fault = |fault: Fault, times: u32| FaultSpec {
        route: "POST /channels/*/messages".into(),
        fault,
        times,
    };

    client
        .add_fault(&fault(Fault::Status(500), 1))
        .await
        .expect("arm");
    let (status, body) = bot.post(&path, json!({ "content": "first" })).await;
    assert_eq!(
        (status, body["message"].as_str()),
        (500, Some("500: Internal Server Error"))
    );
    assert_eq!(bot.post(&path, json!({ "content": "retry" })).await.0, 200);
    assert_eq!(
        bot.get(&path).await.0,
        200,
        "other methods are not affected"
    );

    client
        .add_fault(&fault(
            Fault::RateLimit {
                retry_after: 0.5,
                global: false,
            },
            2,
        ))
        .await
        .expect("arm");
    for _ in 0..2 {
        let response = bot
            .http
            .post(format!("{}/api/v10{path}", bot.base))
            .header("Authorization", format!("Bot {}", bot.token))
            .json(&json!({ "content": "x" }))
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 429);
        assert_eq!(response.headers()["retry-after"], "1");
        assert_eq!(response.headers()["x-ratelimit-remaining"], "0");
        assert_eq!(response.headers()["x-ratelimit-reset-after"], "0.500");
        let body: Value = response.json().await.expect("json");
        assert_eq!(
            body,
            json!({ "message": "You are being rate limited.", "retry_after": 0.5, "global": false })
        );
    }
    assert_eq!(bot.post(&path, json!({ "content": "after" })).await.0, 200);

    client.add_fault(&fault(Fault::Drop, 1)).await.expect("arm");
    let dropped = bot
        .http
        .post(format!("{}/api/v10{path}", bot.base))
        .header("Authorization", format!("Bot {}", bot.token))
        .json(&json!({ "content": "lost" }))
        .send()
        .await;
    assert!(dropped.is_err(), "the connection closes without a response");
    assert_eq!(bot.post(&path, json!({ "content": "fine" })).await.0, 200);

    client
        .add_fault(&fault(Fault::DelayMs(150), 1))
        .await
        .expect("arm");
    let started = Instant::now();
    assert_eq!(bot.post(&path, json!({ "content": "slow" })).await.0, 200);
    assert!(started.elapsed() >= Duration::from_millis(150));

    client
        .add_fault(&FaultSpec {
            route: "* /guilds/**".into(),
            fault: Fault::Status(403),
            times: 1,
        })
        .await
        .expect("arm");
    let (status, body) = bot.get(&format!("/guilds/{}/roles", ids.guild)).await;
    assert_eq!((status, code(&body)), (403, 50001));
    client
        .add_fault(&fault(Fault::Status(503), 5))
        .await
        .expect("arm");
    client.clear_faults().await.expect("clear");
    assert_eq!(
        bot.post(&path, json!({ "content": "cleared" })).await.0,
        200
    );

    let calls = client.calls().await.expect("calls");
    let posts: Vec<u16> = calls
        .iter()
        .filter(|c| c.method == "POST" && c.path.ends_with("/messages"))
        .map(|c| c.status)
        .collect();
    assert_eq!(posts, [500, 200, 429, 429, 200, 0, 200, 200, 200]);
    assert_eq!(
        calls
            .iter()
            .find(|c| c.status == 0)
            .and_then(|c| c.body.clone()),
        Some(json!({ "content": "lost" }))
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn role_changes_follow_discord_rules() {
    let (sim, ids, client) = start().await;
    let bot = Bot::new(&sim);
    let role = client
        .create_role(
            ids.guild,
            &discord_sim::types::NewRole {
                name: "Qualifier 1".into(),
                ..Default::default()
            },
        )
        .await
        .expect("role");
    let path = format!(
        "/guilds/{}/members/{}/roles/{role}",
        ids.guild, ids.runner_two
    );
    assert_eq!(bot.put(&path).await.0, 204);
    assert!(
        client
            .member(ids.guild, ids.runner_two)
            .await
            .expect("member")
            .roles
            .contains(&role)
    );
    assert_eq!(bot.call("DELETE", &path, None).await.0, 204);
    assert!(
        !client
            .member(ids.guild, ids.runner_two)
            .await
            .expect("member")
            .roles
            .contains(&role)
    );
    let managed = format!(
        "/guilds/{}/members/{}/roles/{}",
        ids.guild, ids.runner_two, ids.bot_role
    );
    let (status, body) = bot.put(&managed).await;
    assert_eq!((status, code(&body)), (403, 50013));
    sim.shutdown().await;
}
