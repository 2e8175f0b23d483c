//! Request and answer types of the control API (`/_sim/...`), shared by the server and
//! [`crate::SimClient`]. Snowflakes travel as strings and are read from strings or numbers.

use crate::ids;
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
        self.original.as_ref().map(|m| m.content.clone()).or_else(|| {
            self.response.as_ref()?.get("content")?.as_str().map(str::to_owned)
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

/// A user clicking a button (or choosing in a select) on a message.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClickRequest {
    /// The message carrying the component.
    #[serde(with = "ids")]
    pub message_id: u64,
    /// Its channel (optional: found from the message).
    #[serde(with = "ids::opt", default)]
    pub channel_id: Option<u64>,
    /// The component's `custom_id`.
    pub custom_id: String,
    /// Who clicks.
    #[serde(with = "ids")]
    pub user_id: u64,
    /// Values chosen in a select menu.
    #[serde(default)]
    pub values: Vec<String>,
}

/// One option of a slash command: a value, or nested options for a subcommand.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OptionInput {
    /// Option name.
    pub name: String,
    /// Its value (string, integer, number or boolean).
    #[serde(default)]
    pub value: Option<Value>,
    /// Options of a subcommand (group).
    #[serde(default)]
    pub options: Vec<OptionInput>,
}

/// A user running a slash command, or typing in an autocomplete option.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CommandRequest {
    /// Guild (optional: found from the channel).
    #[serde(with = "ids::opt", default)]
    pub guild_id: Option<u64>,
    /// Channel or thread where it is run.
    #[serde(with = "ids")]
    pub channel_id: u64,
    /// Who runs it.
    #[serde(with = "ids")]
    pub user_id: u64,
    /// Command name.
    pub name: String,
    /// Options.
    #[serde(default)]
    pub options: Vec<OptionInput>,
    /// For autocomplete: the option being typed.
    #[serde(default)]
    pub focused: Option<String>,
}

/// A user submitting the modal a bot opened (response type 9).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ModalSubmitRequest {
    /// The interaction that was answered with the modal.
    #[serde(with = "ids")]
    pub interaction_id: u64,
    /// Text input values by their `custom_id`.
    pub values: std::collections::BTreeMap<String, String>,
}

/// The id and token of an interaction the simulator dispatched.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Dispatched {
    /// Interaction id.
    #[serde(with = "ids")]
    pub interaction_id: u64,
    /// Its token.
    pub token: String,
}

/// A simulated user to create.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct NewUser {
    /// Username (unique, lowercase on Discord).
    pub username: String,
    /// Display name.
    #[serde(default)]
    pub global_name: Option<String>,
    /// A fixed id; a fresh snowflake when absent.
    #[serde(with = "ids::opt", default)]
    pub id: Option<u64>,
    /// Whether the account is a bot.
    #[serde(default)]
    pub bot: bool,
}

/// A guild to create. The bot joins it with a managed role named after it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct NewGuild {
    /// Guild name.
    pub name: String,
    /// A fixed id; a fresh snowflake when absent.
    #[serde(with = "ids::opt", default)]
    pub id: Option<u64>,
    /// Owner (joins as a member); none: the bot's guild with no human owner yet.
    #[serde(with = "ids::opt", default)]
    pub owner_id: Option<u64>,
    /// Permissions of @everyone (default: the fixtures' value).
    #[serde(default)]
    pub everyone_permissions: Option<u64>,
    /// Permissions of the bot's managed role (default: the fixtures' value, which includes
    /// MANAGE_THREADS and MANAGE_ROLES).
    #[serde(default)]
    pub bot_permissions: Option<u64>,
}

/// A guild channel to create.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct NewChannel {
    /// Channel name.
    pub name: String,
    /// Channel type (default 0, text; 4 category; 11/12 thread needs `parent_id`).
    #[serde(default)]
    pub kind: Option<u8>,
    /// Topic.
    #[serde(default)]
    pub topic: Option<String>,
    /// Category, or for a thread the channel it is in.
    #[serde(with = "ids::opt", default)]
    pub parent_id: Option<u64>,
    /// A fixed id; a fresh snowflake when absent.
    #[serde(with = "ids::opt", default)]
    pub id: Option<u64>,
    /// For threads: members to add (the owner is added anyway).
    #[serde(with = "ids::vec", default)]
    pub members: Vec<u64>,
    /// For threads: who created it (default: the bot).
    #[serde(with = "ids::opt", default)]
    pub owner_id: Option<u64>,
}

/// A role to create. It is placed at position 1, just above @everyone, as Discord does.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct NewRole {
    /// Role name.
    pub name: String,
    /// Permission bits.
    #[serde(default)]
    pub permissions: u64,
    /// RGB color.
    #[serde(default)]
    pub color: u32,
    /// Shown separately.
    #[serde(default)]
    pub hoist: bool,
    /// Mentionable.
    #[serde(default)]
    pub mentionable: bool,
    /// A fixed id; a fresh snowflake when absent.
    #[serde(with = "ids::opt", default)]
    pub id: Option<u64>,
}

/// A user joining a guild.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct NewMember {
    /// Roles to give.
    #[serde(with = "ids::vec", default)]
    pub roles: Vec<u64>,
    /// Nickname.
    #[serde(default)]
    pub nick: Option<String>,
}

/// A simulated user posting a message.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct UserPost {
    /// Author.
    #[serde(with = "ids")]
    pub user_id: u64,
    /// Text.
    pub content: String,
}

/// A guild member as the control API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MemberView {
    /// User id.
    #[serde(with = "ids")]
    pub user_id: u64,
    /// Username.
    pub username: String,
    /// Nickname.
    #[serde(default)]
    pub nick: Option<String>,
    /// Role ids.
    #[serde(with = "ids::vec")]
    pub roles: Vec<u64>,
}
