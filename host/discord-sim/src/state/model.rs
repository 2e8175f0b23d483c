//! The things a simulated Discord keeps: users, guilds, channels, messages, commands.

use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::BTreeMap;

/// Channel types used by the simulator (Discord's numbers).
pub mod kind {
    /// GUILD_TEXT.
    pub const TEXT: u8 = 0;
    /// DM.
    pub const DM: u8 = 1;
    /// GUILD_CATEGORY.
    pub const CATEGORY: u8 = 4;
    /// GUILD_ANNOUNCEMENT.
    pub const ANNOUNCEMENT: u8 = 5;
    /// PUBLIC_THREAD.
    pub const PUBLIC_THREAD: u8 = 11;
    /// PRIVATE_THREAD.
    pub const PRIVATE_THREAD: u8 = 12;
}

/// Permission bits the simulator checks.
pub mod perm {
    /// ADMINISTRATOR.
    pub const ADMINISTRATOR: u64 = 1 << 3;
    /// VIEW_CHANNEL.
    pub const VIEW_CHANNEL: u64 = 1 << 10;
    /// SEND_MESSAGES.
    pub const SEND_MESSAGES: u64 = 1 << 11;
    /// MANAGE_ROLES.
    pub const MANAGE_ROLES: u64 = 1 << 28;
    /// MANAGE_THREADS.
    pub const MANAGE_THREADS: u64 = 1 << 34;
    /// CREATE_PRIVATE_THREADS.
    pub const CREATE_PRIVATE_THREADS: u64 = 1 << 36;
    /// SEND_MESSAGES_IN_THREADS.
    pub const SEND_MESSAGES_IN_THREADS: u64 = 1 << 38;
    /// Every permission bit Discord defines (through bit 52).
    pub const ALL: u64 = (1 << 53) - 1;
    /// The @everyone permissions of the fixtures' guild.
    pub const EVERYONE_DEFAULT: u64 = 1_759_736_252_190_273;
    /// The permissions of the bot's managed role: the fixtures' value (which includes
    /// MANAGE_THREADS) plus MANAGE_ROLES, which the bot needs to grant roles.
    pub const BOT_DEFAULT: u64 = 395_137_379_392 | MANAGE_ROLES;
}

/// A user (person or bot).
#[derive(Debug, Clone)]
pub struct User {
    /// Snowflake.
    pub id: u64,
    /// Unique username.
    pub username: String,
    /// `"0"` for migrated users; bots keep a four-digit one.
    pub discriminator: String,
    /// Display name.
    pub global_name: Option<String>,
    /// Avatar hash.
    pub avatar: Option<String>,
    /// Whether this is a bot account.
    pub bot: bool,
}

/// A guild role.
#[derive(Debug, Clone)]
pub struct Role {
    /// Snowflake (the @everyone role has the guild's id).
    pub id: u64,
    /// Name.
    pub name: String,
    /// RGB color, 0 for none.
    pub color: u32,
    /// Shown separately in the member list.
    pub hoist: bool,
    /// Position in the hierarchy (@everyone is 0).
    pub position: i64,
    /// Permission bits.
    pub permissions: u64,
    /// Managed by an integration (the bot's own role).
    pub managed: bool,
    /// Can be mentioned by everyone.
    pub mentionable: bool,
    /// For the bot's managed role: the bot user id.
    pub bot_id: Option<u64>,
}

/// A user's membership in a guild.
#[derive(Debug, Clone)]
pub struct Member {
    /// The user.
    pub user_id: u64,
    /// Guild nickname.
    pub nick: Option<String>,
    /// Role ids (without @everyone).
    pub roles: Vec<u64>,
    /// When the user joined.
    pub joined_at: DateTime<Utc>,
}

/// A guild.
#[derive(Debug, Clone)]
pub struct Guild {
    /// Snowflake.
    pub id: u64,
    /// Name.
    pub name: String,
    /// Owner's user id.
    pub owner_id: u64,
    /// Roles, @everyone first.
    pub roles: Vec<Role>,
    /// Members by user id.
    pub members: BTreeMap<u64, Member>,
    /// Channel to which system messages go.
    pub system_channel_id: Option<u64>,
}

/// Thread state.
#[derive(Debug, Clone)]
pub struct ThreadInfo {
    /// Members by user id, with their join time.
    pub members: BTreeMap<u64, DateTime<Utc>>,
    /// Archived.
    pub archived: bool,
    /// Locked.
    pub locked: bool,
    /// Whether non-moderators may add others (private threads).
    pub invitable: bool,
    /// Minutes of inactivity before auto-archiving.
    pub auto_archive_duration: u32,
    /// When the thread was created.
    pub created_at: DateTime<Utc>,
}

/// A channel: guild text channel, category, thread or DM.
#[derive(Debug, Clone)]
pub struct Channel {
    /// Snowflake.
    pub id: u64,
    /// Discord channel type (see [`kind`]).
    pub kind: u8,
    /// Guild, `None` for DMs.
    pub guild_id: Option<u64>,
    /// Name (empty for DMs).
    pub name: String,
    /// Topic of a text channel.
    pub topic: Option<String>,
    /// Parent category, or the channel a thread lives in.
    pub parent_id: Option<u64>,
    /// Sort position.
    pub position: i64,
    /// Creator of a thread.
    pub owner_id: Option<u64>,
    /// Thread state, for threads.
    pub thread: Option<ThreadInfo>,
    /// DM recipient (the user who is not the bot).
    pub recipients: Vec<u64>,
    /// Last message.
    pub last_message_id: Option<u64>,
    /// Messages ever sent (threads count this).
    pub total_message_sent: u64,
}

impl Channel {
    /// Whether this channel is a thread.
    #[must_use]
    pub fn is_thread(&self) -> bool {
        matches!(self.kind, kind::PUBLIC_THREAD | kind::PRIVATE_THREAD)
    }
}

/// A message.
#[derive(Debug, Clone)]
pub struct Message {
    /// Snowflake.
    pub id: u64,
    /// Channel.
    pub channel_id: u64,
    /// Author.
    pub author_id: u64,
    /// Message type (0 default, 20 reply to a slash command).
    pub kind: u8,
    /// Text.
    pub content: String,
    /// Action rows, with component `id`s filled in.
    pub components: Vec<Value>,
    /// Embeds as sent.
    pub embeds: Vec<Value>,
    /// Message flags (64 ephemeral, 128 loading).
    pub flags: u64,
    /// Created.
    pub timestamp: DateTime<Utc>,
    /// Last edited.
    pub edited_timestamp: Option<DateTime<Utc>>,
    /// Set on interaction responses and follow-ups: the application id.
    pub webhook_id: Option<u64>,
    /// Index of the message in its thread.
    pub position: Option<u64>,
    /// For ephemeral messages: the only user who sees it.
    pub visible_to: Option<u64>,
    /// The interaction this message answers, if any.
    pub interaction_id: Option<u64>,
}

/// An application command, as registered by the bot.
#[derive(Debug, Clone)]
pub struct Command {
    /// Snowflake (kept when a bulk overwrite registers the same name again).
    pub id: u64,
    /// Guild for guild commands.
    pub guild_id: Option<u64>,
    /// Version snowflake.
    pub version: u64,
    /// The command object as the bot sent it.
    pub body: Value,
}

impl Command {
    /// The command's name.
    #[must_use]
    pub fn name(&self) -> &str {
        self.body["name"].as_str().unwrap_or_default()
    }

    /// The command type (1 chat input, 2 user, 3 message).
    #[must_use]
    pub fn kind(&self) -> u64 {
        self.body["type"].as_u64().unwrap_or(1)
    }
}
