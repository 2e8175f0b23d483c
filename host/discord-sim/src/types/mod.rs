//! Request and answer types of the control API (`/_sim/...`), shared by the server and
//! [`crate::SimClient`]. Snowflakes travel as strings and are read from strings or numbers.

use crate::ids;
use serde::{Deserialize, Serialize};
use serde_json::Value;

mod requests;

pub use requests::*;

/// One REST call the simulator received.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CallRecord {
    /// HTTP method.
    pub method: String,
    /// Path with query, e.g. `/api/v10/channels/1/messages`.
    pub path: String,
    /// Status answered (0 when a fault dropped the connection).
    pub status: u16,
    /// Time spent answering, in milliseconds.
    pub ms: u64,
    /// The JSON request body, when there was one.
    #[serde(default)]
    pub body: Option<Value>,
}

/// A message as the control API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MessageView {
    /// Message id.
    #[serde(with = "ids")]
    pub id: u64,
    /// Channel or thread.
    #[serde(with = "ids")]
    pub channel_id: u64,
    /// Author's user id.
    #[serde(with = "ids")]
    pub author_id: u64,
    /// Author's username.
    pub author: String,
    /// Text.
    pub content: String,
    /// Message flags (64 = ephemeral, 128 = "thinking" placeholder of a deferred reply).
    pub flags: u64,
    /// For an ephemeral message: the one user who sees it.
    #[serde(with = "ids::opt", default)]
    pub visible_to: Option<u64>,
    /// Action rows as stored (with component ids).
    pub components: Vec<Value>,
    /// Embeds as sent.
    pub embeds: Vec<Value>,
    /// Creation time (ISO 8601).
    pub timestamp: String,
    /// Last edit time, if edited.
    #[serde(default)]
    pub edited_timestamp: Option<String>,
    /// The interaction this message answers.
    #[serde(with = "ids::opt", default)]
    pub interaction_id: Option<u64>,
}

impl MessageView {
    /// The `custom_id`s of the message's buttons and selects, in order.
    pub fn custom_ids(&self) -> Vec<String> {
        crate::validate::interactive_components(&self.components)
            .filter_map(|c| c["custom_id"].as_str().map(str::to_owned))
            .collect()
    }

    /// The labels of the message's buttons, in order.
    pub fn button_labels(&self) -> Vec<String> {
        crate::validate::interactive_components(&self.components)
            .filter_map(|c| c["label"].as_str().map(str::to_owned))
            .collect()
    }
}

/// A channel, thread or DM as the control API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ChannelView {
    /// Channel id.
    #[serde(with = "ids")]
    pub id: u64,
    /// Discord channel type (0 text, 1 DM, 4 category, 11 public thread, 12 private thread).
    pub kind: u8,
    /// Guild (none for DMs).
    #[serde(with = "ids::opt", default)]
    pub guild_id: Option<u64>,
    /// Name.
    pub name: String,
    /// Parent channel of a thread, or category of a channel.
    #[serde(with = "ids::opt", default)]
    pub parent_id: Option<u64>,
    /// Creator of a thread.
    #[serde(with = "ids::opt", default)]
    pub owner_id: Option<u64>,
    /// Topic.
    #[serde(default)]
    pub topic: Option<String>,
    /// Members of a thread (user ids); the recipient of a DM.
    #[serde(with = "ids::vec", default)]
    pub members: Vec<u64>,
    /// Whether a thread is archived.
    #[serde(default)]
    pub archived: bool,
}

/// What kind of interaction a simulated user caused.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    /// Button or select click (type 3).
    Component,
    /// Slash command (type 2).
    Command,
    /// Autocomplete request (type 4).
    Autocomplete,
    /// Modal submitted (type 5).
    ModalSubmit,
}

/// An interaction with what the bot did about it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct InteractionView {
    /// Interaction id.
    #[serde(with = "ids")]
    pub id: u64,
    /// Interaction token.
    pub token: String,
    /// Kind.
    pub kind: InteractionKind,
    /// Custom id of the clicked component or submitted modal.
    #[serde(default)]
    pub custom_id: Option<String>,
    /// Command name for commands and autocomplete.
    #[serde(default)]
    pub command: Option<String>,
    /// The user who acted.
    #[serde(with = "ids")]
    pub user_id: u64,
    /// Guild, if in a guild.
    #[serde(with = "ids::opt", default)]
    pub guild_id: Option<u64>,
    /// Channel or thread.
    #[serde(with = "ids")]
    pub channel_id: u64,
    /// The message the clicked component is on.
    #[serde(with = "ids::opt", default)]
    pub message_id: Option<u64>,
    /// Initial response type (4, 5, 6, 7, 8, 9), once answered.
    #[serde(default)]
    pub response_type: Option<u8>,
    /// Milliseconds from dispatch to the initial response.
    #[serde(default)]
    pub ack_ms: Option<u64>,
    /// Not answered in time: the user saw "This interaction failed".
    pub failed: bool,
    /// `data` of the initial response as the bot sent it.
    #[serde(default)]
    pub response: Option<Value>,
    /// The original response message as it stands now (after edits).
    #[serde(default)]
    pub original: Option<MessageView>,
    /// Follow-up messages, oldest first.
    #[serde(default)]
    pub followups: Vec<MessageView>,
}

impl InteractionView {
    /// The text the user sees as the answer: the original response (after edits), else the
    /// `content` of the initial response data.
    pub fn response_content(&self) -> Option<String> {
        self.original
            .as_ref()
            .map(|m| m.content.clone())
            .or_else(|| {
                self.response
                    .as_ref()?
                    .get("content")?
                    .as_str()
                    .map(str::to_owned)
            })
    }
}

/// What a fault makes a matching call do.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// Answer this HTTP status with Discord's error body (403 → Missing Access).
    Status(u16),
    /// Answer 429 with `retry_after` (seconds) and rate-limit headers.
    RateLimit {
        /// Seconds to wait.
        retry_after: f64,
        /// A global limit (`X-RateLimit-Global: true`).
        #[serde(default)]
        global: bool,
    },
    /// Wait this many milliseconds, then handle the call normally.
    DelayMs(u64),
    /// Close the connection without any response.
    Drop,
}

/// A fault armed for the next `times` calls matching `route`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FaultSpec {
    /// `METHOD /path/pattern`: `*` matches one path segment, a trailing `**` the rest;
    /// the method may be `*`. The path is matched without the `/api/v10` prefix
    /// (`POST /channels/*/messages`).
    pub route: String,
    /// What happens.
    pub fault: Fault,
    /// How many matching calls it affects.
    #[serde(default = "one")]
    pub times: u32,
}

fn one() -> u32 {
    1
}
