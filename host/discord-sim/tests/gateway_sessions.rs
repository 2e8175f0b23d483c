//! Gateway sessions: authentication, disconnects, RESUME and invalid sessions.

mod common;

use common::{Bot, Gateway, start};
use serde_json::json;

/// GUILDS | GUILD_MEMBERS | GUILD_MESSAGES.
const INTENTS: u64 = 1 | 2 | 512;

#[tokio::test]
async fn a_wrong_token_closes_with_4004() {
    let (sim, _, _) = start().await;
    let bot = Bot::new(&sim);
    let mut gw = Gateway::connect(&bot).await;
    assert_eq!(gw.recv().await["op"], 10);
    gw.send(json!({ "op": 2, "d": { "token": "Bot nope", "intents": 1, "properties": {} } }))
        .await;
    assert_eq!(gw.recv().await["close"], 4004);
    sim.shutdown().await;
}

#[tokio::test]
async fn resume_replays_missed_events_and_unknown_sessions_are_invalid() {
    let (sim, ids, client) = start().await;
    let bot = Bot::new(&sim);
    let mut gw = Gateway::connect(&bot).await;
    let ready = gw.identify(INTENTS).await;
    let session = ready["d"]["session_id"]
        .as_str()
        .expect("session")
        .to_owned();
    let last = gw.dispatch("GUILD_CREATE").await["s"]
        .as_u64()
        .expect("seq");

    assert_eq!(
        client.disconnect_gateway(false).await.expect("disconnect"),
        1
    );
    assert_eq!(gw.recv().await["close"], 4000);
    let message = bot.post_buttons(ids.async_races, "async").await;
    client
        .click(message, "async_ready:42:qualifier", ids.runner_one)
        .await
        .expect("click while away");

    let mut gw = Gateway::connect(&bot).await;
    assert_eq!(gw.recv().await["op"], 10);
    let token = format!("Bot {}", discord_sim::SimConfig::DEFAULT_BOT_TOKEN);
    gw.send(json!({ "op": 6, "d": { "token": token, "session_id": session, "seq": last } }))
        .await;
    let missed = gw.dispatch("INTERACTION_CREATE").await;
    assert!(missed["s"].as_u64() > Some(last));
    gw.dispatch("RESUMED").await;

    let mut other = Gateway::connect(&bot).await;
    assert_eq!(other.recv().await["op"], 10);
    other
        .send(json!({ "op": 6, "d": { "token": token, "session_id": "nope", "seq": 1 } }))
        .await;
    let invalid = other.recv().await;
    assert_eq!(
        (invalid["op"].as_u64(), invalid["d"].as_bool()),
        (Some(9), Some(false))
    );
    sim.shutdown().await;
}
