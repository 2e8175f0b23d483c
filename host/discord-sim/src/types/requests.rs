//! Requests of the control API: acting as users, and building the world.

use crate::ids;
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
