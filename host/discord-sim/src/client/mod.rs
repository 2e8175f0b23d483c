//! [`SimClient`]: a small client of the control API for tests, with `wait_for_*` helpers that
//! poll until the bot has done something (with a deadline, never a long fixed sleep).

use crate::state::ExampleIds;
use crate::types::{
    CallRecord, ChannelView, ClickRequest, CommandRequest, Dispatched, FaultSpec, InteractionView,
    MemberView, MessageView, ModalSubmitRequest, NewChannel, NewGuild, NewMember, NewRole, NewUser,
    UserPost,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::time::Duration;

mod wait;

/// How often `wait_for_*` polls.
const POLL: Duration = Duration::from_millis(15);

/// What can go wrong talking to the simulator.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The request did not complete.
    #[error("request to discord-sim failed: {0}")]
    Http(#[from] reqwest::Error),
    /// The simulator refused the request.
    #[error("discord-sim answered {status}: {message}")]
    Refused {
        /// HTTP status.
        status: u16,
        /// The error message.
        message: String,
    },
    /// A `wait_for_*` deadline passed.
    #[error("timed out after {0:?} waiting for {1}")]
    Timeout(Duration, String),
}

/// Result of a control-API call.
pub type ClientResult<T> = Result<T, ClientError>;

/// A client of a simulator's control API (`/_sim/...`).
#[derive(Debug, Clone)]
pub struct SimClient {
    base: String,
    http: reqwest::Client,
}

fn id_of(v: &Value) -> u64 {
    v["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_default()
}

impl SimClient {
    /// A client for the simulator at `base_url` (`http://127.0.0.1:PORT`).
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base: base_url.into().trim_end_matches('/').to_owned(),
            http: reqwest::Client::new(),
        }
    }

    /// The simulator's base URL.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    async fn send<T: DeserializeOwned>(&self, req: reqwest::RequestBuilder) -> ClientResult<T> {
        let response = req.send().await?;
        let status = response.status();
        if !status.is_success() {
            let body: Value = response.json().await.unwrap_or_default();
            let message = body["message"].as_str().unwrap_or_default().to_owned();
            return Err(ClientError::Refused {
                status: status.as_u16(),
                message,
            });
        }
        if status == reqwest::StatusCode::NO_CONTENT {
            // Only `()` (or another type that reads `null`) expects no body.
            let refused = |_| ClientError::Refused {
                status: 204,
                message: "no body".into(),
            };
            return serde_json::from_value(Value::Null).map_err(refused);
        }
        Ok(response.json().await?)
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> ClientResult<T> {
        self.send(self.http.get(format!("{}/_sim{path}", self.base)))
            .await
    }

    async fn post<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> ClientResult<T> {
        self.send(
            self.http
                .post(format!("{}/_sim{path}", self.base))
                .json(body),
        )
        .await
    }

    async fn put<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> ClientResult<T> {
        self.send(
            self.http
                .put(format!("{}/_sim{path}", self.base))
                .json(body),
        )
        .await
    }

    async fn delete(&self, path: &str) -> ClientResult<()> {
        self.send(self.http.delete(format!("{}/_sim{path}", self.base)))
            .await
    }

    /// Creates the example world (idempotent) and returns its ids.
    pub async fn seed(&self) -> ClientResult<ExampleIds> {
        self.post("/seed", &json!({})).await
    }

    /// Forgets everything but the bot application; with `seed`, recreates the example world.
    pub async fn reset(&self, seed: bool) -> ClientResult<()> {
        self.post::<_, Value>("/reset", &json!({ "seed": seed }))
            .await
            .map(drop)
    }

    /// Creates a user; returns its id.
    pub async fn create_user(&self, user: &NewUser) -> ClientResult<u64> {
        self.post::<_, Value>("/users", user)
            .await
            .map(|v| id_of(&v))
    }

    /// Creates a guild (the bot joins it); returns its id.
    pub async fn create_guild(&self, guild: &NewGuild) -> ClientResult<u64> {
        self.post::<_, Value>("/guilds", guild)
            .await
            .map(|v| id_of(&v))
    }

    /// Creates a channel (or thread) in a guild.
    pub async fn create_channel(
        &self,
        guild: u64,
        channel: &NewChannel,
    ) -> ClientResult<ChannelView> {
        self.post(&format!("/guilds/{guild}/channels"), channel)
            .await
    }

    /// Creates a role; returns its id.
    pub async fn create_role(&self, guild: u64, role: &NewRole) -> ClientResult<u64> {
        self.post::<_, Value>(&format!("/guilds/{guild}/roles"), role)
            .await
            .map(|v| id_of(&v))
    }

    /// Adds a user to a guild (or updates the member).
    pub async fn add_member(
        &self,
        guild: u64,
        user: u64,
        member: &NewMember,
    ) -> ClientResult<MemberView> {
        self.put(&format!("/guilds/{guild}/members/{user}"), member)
            .await
    }

    /// A guild member (roles, nick).
    pub async fn member(&self, guild: u64, user: u64) -> ClientResult<MemberView> {
        self.get(&format!("/guilds/{guild}/members/{user}")).await
    }

    /// Channels and threads, optionally of one guild or under one parent channel.
    pub async fn channels(
        &self,
        guild: Option<u64>,
        parent: Option<u64>,
    ) -> ClientResult<Vec<ChannelView>> {
        let mut query = Vec::new();
        if let Some(g) = guild {
            query.push(format!("guild_id={g}"));
        }
        if let Some(p) = parent {
            query.push(format!("parent_id={p}"));
        }
        self.get(&format!("/channels?{}", query.join("&"))).await
    }

    /// One channel or thread (with thread members).
    pub async fn channel(&self, id: u64) -> ClientResult<ChannelView> {
        self.get(&format!("/channels/{id}")).await
    }

    /// Messages of a channel or thread, oldest first (ephemeral ones included).
    pub async fn messages(&self, channel: u64) -> ClientResult<Vec<MessageView>> {
        self.get(&format!("/channels/{channel}/messages")).await
    }

    /// A simulated user posts a message.
    pub async fn post_as(
        &self,
        channel: u64,
        user: u64,
        content: &str,
    ) -> ClientResult<MessageView> {
        let post = UserPost {
            user_id: user,
            content: content.to_owned(),
        };
        self.post(&format!("/channels/{channel}/messages"), &post)
            .await
    }

    /// A user clicks the button `custom_id` on a message.
    pub async fn click(
        &self,
        message: u64,
        custom_id: &str,
        user: u64,
    ) -> ClientResult<Dispatched> {
        let req = ClickRequest {
            message_id: message,
            channel_id: None,
            custom_id: custom_id.to_owned(),
            user_id: user,
            values: vec![],
        };
        self.click_with(&req).await
    }

    /// A click with every field (select values, channel check).
    pub async fn click_with(&self, req: &ClickRequest) -> ClientResult<Dispatched> {
        self.post("/click", req).await
    }

    /// A user runs a slash command.
    pub async fn command(&self, req: &CommandRequest) -> ClientResult<Dispatched> {
        self.post("/command", req).await
    }

    /// A user types in an autocomplete option (`focused`).
    pub async fn autocomplete(&self, req: &CommandRequest) -> ClientResult<Dispatched> {
        self.post("/autocomplete", req).await
    }

    /// A user submits the modal the bot opened.
    pub async fn submit_modal(&self, req: &ModalSubmitRequest) -> ClientResult<Dispatched> {
        self.post("/modal", req).await
    }

    /// Every interaction, oldest first.
    pub async fn interactions(&self) -> ClientResult<Vec<InteractionView>> {
        self.get("/interactions").await
    }

    /// One interaction.
    pub async fn interaction(&self, id: u64) -> ClientResult<InteractionView> {
        self.get(&format!("/interactions/{id}")).await
    }

    /// The INTERACTION_CREATE `d` dispatched for an interaction (Discord's JSON).
    pub async fn interaction_payload(&self, id: u64) -> ClientResult<Value> {
        self.get(&format!("/interactions/{id}/payload")).await
    }

    /// Registered application commands (Discord's JSON).
    pub async fn commands(&self) -> ClientResult<Vec<Value>> {
        self.get("/commands").await
    }

    /// REST calls received, oldest first.
    pub async fn calls(&self) -> ClientResult<Vec<CallRecord>> {
        self.get("/calls").await
    }

    /// Forgets the call log.
    pub async fn clear_calls(&self) -> ClientResult<()> {
        self.delete("/calls").await
    }

    /// Arms a fault.
    pub async fn add_fault(&self, fault: &FaultSpec) -> ClientResult<()> {
        self.post("/faults", fault).await
    }

    /// Disarms every fault.
    pub async fn clear_faults(&self) -> ClientResult<()> {
        self.delete("/faults").await
    }

    /// Closes the bot's gateway sockets (code 4000; with `invalidate`, RESUME will fail).
    pub async fn disconnect_gateway(&self, invalidate: bool) -> ClientResult<usize> {
        let v: Value = self
            .post("/gateway/disconnect", &json!({ "invalidate": invalidate }))
            .await?;
        Ok(usize::try_from(v["closed"].as_u64().unwrap_or(0)).unwrap_or(0))
    }
}
