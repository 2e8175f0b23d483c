//! The gateway websocket: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME.
//! JSON text frames only (no compression), whatever the query string asks for.

pub mod hub;

use crate::sim::SimState;
use crate::state::render;
use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use hub::{Outgoing, intent};
use rand::Rng;
use serde_json::{Value, json};
use tokio::sync::mpsc;

/// Close codes Discord uses.
mod close {
    pub const UNKNOWN_OPCODE: u16 = 4001;
    pub const DECODE_ERROR: u16 = 4002;
    pub const AUTHENTICATION_FAILED: u16 = 4004;
    pub const ALREADY_AUTHENTICATED: u16 = 4005;
}

/// Close reason for frames that are not JSON text.
const DECODE_ERROR: &str = "Error while decoding payload.";

/// `GET /gateway?v=10&encoding=json…`: upgrades to the gateway socket.
pub async fn upgrade(ws: WebSocketUpgrade, State(sim): State<SimState>) -> Response {
    ws.on_upgrade(move |socket| run(socket, sim))
}

enum Step {
    Continue,
    Close(u16, &'static str),
}

async fn run(mut socket: WebSocket, sim: SimState) {
    let interval = sim.config().heartbeat_interval_ms;
    let hello = json!({ "op": 10, "d": { "heartbeat_interval": interval }, "s": null, "t": null });
    if socket
        .send(Message::Text(hello.to_string().into()))
        .await
        .is_err()
    {
        return;
    }
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut session: Option<String> = None;
    let mut shutdown = sim.shutdown_signal();

    loop {
        tokio::select! {
            incoming = socket.recv() => {
                let step = match incoming {
                    Some(Ok(Message::Text(text))) => handle(&sim, text.as_str(), &tx, &mut session),
                    Some(Ok(Message::Binary(_))) => Step::Close(close::DECODE_ERROR, DECODE_ERROR),
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => Step::Continue,
                    Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                };
                if let Step::Close(code, reason) = step {
                    let _ = close_with(&mut socket, code, reason).await;
                    break;
                }
            }
            outgoing = rx.recv() => match outgoing {
                Some(Outgoing::Text(text)) => {
                    if socket.send(Message::Text(text.into())).await.is_err() {
                        break;
                    }
                }
                Some(Outgoing::Close(code, reason)) => {
                    let _ = close_with(&mut socket, code, &reason).await;
                    break;
                }
                None => break,
            },
            _ = shutdown.changed() => break,
        }
    }
    if let Some(id) = session {
        sim.world().gateway.detach(&id);
    }
}

async fn close_with(socket: &mut WebSocket, code: u16, reason: &str) -> Result<(), axum::Error> {
    let frame = CloseFrame {
        code,
        reason: reason.to_owned().into(),
    };
    socket.send(Message::Close(Some(frame))).await
}

fn token_ok(sim: &SimState, token: Option<&str>) -> bool {
    let expected = sim.config().bot_token;
    token.is_some_and(|t| t.strip_prefix("Bot ").unwrap_or(t) == expected)
}

fn handle(
    sim: &SimState,
    text: &str,
    tx: &mpsc::UnboundedSender<Outgoing>,
    session: &mut Option<String>,
) -> Step {
    let Ok(payload) = serde_json::from_str::<Value>(text) else {
        return Step::Close(close::DECODE_ERROR, DECODE_ERROR);
    };
    let d = &payload["d"];
    match payload["op"].as_u64() {
        Some(1) => {
            let ack = json!({ "op": 11, "d": null, "s": null, "t": null }).to_string();
            let _ = tx.send(Outgoing::Text(ack));
            Step::Continue
        }
        Some(2) => {
            if session.is_some() {
                return Step::Close(close::ALREADY_AUTHENTICATED, "Already authenticated.");
            }
            if !token_ok(sim, d["token"].as_str()) {
                return Step::Close(close::AUTHENTICATION_FAILED, "Authentication failed.");
            }
            *session = Some(identify(sim, d, tx.clone()));
            Step::Continue
        }
        Some(6) => {
            if !token_ok(sim, d["token"].as_str()) {
                return Step::Close(close::AUTHENTICATION_FAILED, "Authentication failed.");
            }
            let id = d["session_id"].as_str().unwrap_or_default().to_owned();
            let seq = d["seq"].as_u64().unwrap_or(0);
            let mut world = sim.world();
            match world.gateway.resume(&id, seq, tx.clone()) {
                Some(replay) => {
                    for text in replay {
                        let _ = tx.send(Outgoing::Text(text));
                    }
                    world.gateway.send_to(&id, "RESUMED", &json!({}));
                    *session = Some(id);
                }
                None => {
                    let invalid = json!({ "op": 9, "d": false, "s": null, "t": null }).to_string();
                    let _ = tx.send(Outgoing::Text(invalid));
                }
            }
            Step::Continue
        }
        // Presence, voice state and member requests are accepted and ignored.
        Some(3 | 4 | 8) => Step::Continue,
        _ => Step::Close(close::UNKNOWN_OPCODE, "Unknown opcode."),
    }
}

/// Starts a session: READY, then GUILD_CREATE for each guild the bot is in.
fn identify(sim: &SimState, d: &Value, tx: mpsc::UnboundedSender<Outgoing>) -> String {
    let session_id = format!("{:032x}", rand::thread_rng().r#gen::<u128>());
    let shard = d.get("shard").cloned().unwrap_or_else(|| json!([0, 1]));
    let intents = d["intents"].as_u64().unwrap_or(intent::GUILDS);
    let resume_url = sim.gateway_url();
    let mut world = sim.world();
    world.gateway.identify(session_id.clone(), intents, tx);

    let bot_id = world.bot_id();
    // The bot user is created with the world and never removed.
    let mut user = world
        .users
        .get(&bot_id)
        .map(render::current_user)
        .unwrap_or_default();
    user["email"] = Value::Null;
    let guild_ids: Vec<u64> = world
        .guilds
        .values()
        .filter(|g| g.members.contains_key(&bot_id))
        .map(|g| g.id)
        .collect();
    let unavailable: Vec<Value> = guild_ids
        .iter()
        .map(|id| json!({ "id": id.to_string(), "unavailable": true }))
        .collect();
    let app_id = world.config.application_id.to_string();
    let ready = json!({
        "v": 10,
        "user": user,
        "guilds": unavailable,
        "session_id": session_id,
        "resume_gateway_url": resume_url,
        "shard": shard,
        "application": { "id": app_id, "flags": world.config.application_flags },
    });
    world.gateway.send_to(&session_id, "READY", &ready);
    for id in guild_ids {
        if let Some(guild) = world.guilds.get(&id) {
            let d = world.guild_create_json(guild);
            world.gateway.send_to(&session_id, "GUILD_CREATE", &d);
        }
    }
    session_id
}
