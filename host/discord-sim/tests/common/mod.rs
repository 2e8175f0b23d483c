//! Shared helpers of the integration tests: a seeded simulator, a bot-authenticated HTTP
//! client and a raw gateway connection.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use discord_sim::{ExampleIds, SimClient, SimConfig, SimHandle, Simulator};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// Deadline for anything a test waits on.
pub const WAIT: Duration = Duration::from_secs(5);

/// A seeded simulator whose interactions fail after 300 ms instead of 3 s.
pub async fn start() -> (SimHandle, ExampleIds, SimClient) {
    let config = SimConfig {
        ack_deadline: Duration::from_millis(300),
        ..SimConfig::default()
    };
    let sim = Simulator::start_with(config, "127.0.0.1:0".parse().expect("address"))
        .await
        .expect("start");
    let ids = sim.seed_example().expect("seed");
    let client = sim.client();
    (sim, ids, client)
}

fn button(style: u8, label: &str, custom_id: &str) -> Value {
    json!({ "type": 2, "style": style, "label": label, "custom_id": custom_id })
}

/// The bot's side of the REST API.
pub struct Bot {
    pub base: String,
    pub http: reqwest::Client,
    pub token: String,
}

impl Bot {
    pub fn new(sim: &SimHandle) -> Self {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self {
            base: sim.base_url(),
            http,
            token: SimConfig::DEFAULT_BOT_TOKEN.into(),
        }
    }

    pub async fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let url = format!("{}/api/v10{path}", self.base);
        let mut req = self
            .http
            .request(method, url)
            .header("Authorization", format!("Bot {}", self.token));
        if let Some(body) = body {
            req = req.json(&body);
        }
        let response = req.send().await.expect("request");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.call("GET", path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.call("POST", path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> (u16, Value) {
        self.call("PATCH", path, Some(body)).await
    }

    pub async fn put(&self, path: &str) -> (u16, Value) {
        self.call("PUT", path, None).await
    }

    /// Posts a message with the fixtures' three buttons; returns its id.
    pub async fn post_buttons(&self, channel: u64, prefix: &str) -> u64 {
        let body = json!({
            "content": "Qualifier 42 is ready for you.",
            "components": [{ "type": 1, "components": [
                button(3, "Ready", &format!("{prefix}_ready:42:qualifier")),
                button(2, "Reroll seed", &format!("{prefix}_reroll:42:qualifier")),
                button(4, "Forfeit", &format!("{prefix}_forfeit:42:qualifier")),
            ]}],
        });
        let (status, message) = self
            .post(&format!("/channels/{channel}/messages"), body)
            .await;
        assert_eq!(status, 200, "{message}");
        message["id"]
            .as_str()
            .expect("id")
            .parse()
            .expect("snowflake")
    }

    /// Creates a private thread under `parent` and adds `members`; returns its id.
    pub async fn private_thread(&self, parent: u64, name: &str, members: &[u64]) -> u64 {
        let (status, thread) = self
            .post(
                &format!("/channels/{parent}/threads"),
                json!({ "name": name, "type": 12 }),
            )
            .await;
        assert_eq!(status, 201, "{thread}");
        let id: u64 = thread["id"]
            .as_str()
            .expect("id")
            .parse()
            .expect("snowflake");
        for m in members {
            let (status, _) = self
                .put(&format!("/channels/{id}/thread-members/{m}"))
                .await;
            assert_eq!(status, 204);
        }
        id
    }
}

/// A raw gateway connection, as serenity would open it.
pub struct Gateway {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl Gateway {
    /// Connects to the URL `GET /gateway/bot` reports, with serenity's query string.
    pub async fn connect(bot: &Bot) -> Self {
        let (status, gateway) = bot.get("/gateway/bot").await;
        assert_eq!(status, 200);
        let url = format!(
            "{}?v=10&encoding=json",
            gateway["url"].as_str().expect("url")
        );
        let (ws, _) = tokio_tungstenite::connect_async(url)
            .await
            .expect("websocket");
        Self { ws }
    }

    pub async fn send(&mut self, payload: Value) {
        self.ws
            .send(Message::Text(payload.to_string().into()))
            .await
            .expect("send");
    }

    /// The next frame: JSON text, or `{"close": code}` for a close frame.
    pub async fn recv(&mut self) -> Value {
        loop {
            let frame = tokio::time::timeout(WAIT, self.ws.next())
                .await
                .expect("gateway frame in time");
            match frame {
                Some(Ok(Message::Text(text))) => return serde_json::from_str(&text).expect("json"),
                Some(Ok(Message::Close(frame))) => {
                    return json!({ "close": frame.map(|f| u16::from(f.code)) });
                }
                Some(Ok(_)) => continue,
                Some(Err(_)) | None => return json!({ "close": null }),
            }
        }
    }

    /// The next dispatch named `event`, skipping others.
    pub async fn dispatch(&mut self, event: &str) -> Value {
        loop {
            let frame = self.recv().await;
            assert!(
                frame.get("close").is_none(),
                "socket closed while waiting for {event}"
            );
            if frame["op"] == 0 && frame["t"] == event {
                return frame;
            }
        }
    }

    /// HELLO, IDENTIFY → READY; returns READY.
    pub async fn identify(&mut self, intents: u64) -> Value {
        let hello = self.recv().await;
        assert_eq!(hello["op"], 10);
        self.send(json!({ "op": 2, "d": {
            "token": format!("Bot {}", SimConfig::DEFAULT_BOT_TOKEN),
            "intents": intents,
            "properties": { "os": "linux", "browser": "serenity", "device": "serenity" },
            "shard": [0, 1], "compress": true, "large_threshold": 250,
        }}))
        .await;
        self.dispatch("READY").await
    }
}

/// Parses a gateway payload with serenity; fails if serenity would drop it as unknown.
pub fn serenity_event(payload: &Value) -> serenity::model::event::GatewayEvent {
    use serenity::model::event::{Event, GatewayEvent};
    let event: GatewayEvent =
        serde_json::from_value(payload.clone()).expect("serenity parses the payload");
    if let GatewayEvent::Dispatch(_, Event::Unknown(unknown)) = &event {
        panic!("serenity drops {} as unknown: {payload}", unknown.kind);
    }
    event
}
