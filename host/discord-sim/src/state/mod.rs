//! Everything the simulator knows, behind one lock.

mod commands;
pub mod interactions;
mod messages;
pub mod model;
mod ops;
pub mod render;
mod responses;
mod seed;

use crate::config::SimConfig;
use crate::error::{ApiError, ApiResult};
use crate::faults::ActiveFault;
use crate::gateway::hub::GatewayHub;
use crate::oauth::OAuthState;
use crate::snowflake::Snowflakes;
use crate::types::CallRecord;
use interactions::InteractionRecord;
use model::{Channel, Command, Guild, Message, User, kind, perm};
use std::collections::BTreeMap;

pub use ops::PostMeta;
pub use seed::ExampleIds;

/// The simulated world: state of guilds, users, channels, messages, commands, interactions,
/// plus the call log, the armed faults, OAuth2 grants and gateway sessions.
#[derive(Debug)]
pub struct World {
    /// Settings the simulator was started with.
    pub config: SimConfig,
    /// Id source.
    pub ids: Snowflakes,
    /// Users by id (the bot user included).
    pub users: BTreeMap<u64, User>,
    /// Guilds by id.
    pub guilds: BTreeMap<u64, Guild>,
    /// Channels, threads and DMs by id.
    pub channels: BTreeMap<u64, Channel>,
    /// Every message by id (so in creation order).
    pub messages: BTreeMap<u64, Message>,
    /// Registered application commands.
    pub commands: Vec<Command>,
    /// Every interaction by id.
    pub interactions: BTreeMap<u64, InteractionRecord>,
    /// REST calls received, oldest first.
    pub calls: Vec<CallRecord>,
    /// Faults waiting to fire.
    pub faults: Vec<ActiveFault>,
    /// OAuth2 codes and tokens.
    pub oauth: OAuthState,
    /// Gateway sessions.
    pub gateway: GatewayHub,
}

impl World {
    /// A world with only the bot application and its bot user.
    pub fn new(config: SimConfig) -> Self {
        let mut world = Self {
            ids: Snowflakes::default(),
            users: BTreeMap::new(),
            guilds: BTreeMap::new(),
            channels: BTreeMap::new(),
            messages: BTreeMap::new(),
            commands: Vec::new(),
            interactions: BTreeMap::new(),
            calls: Vec::new(),
            faults: Vec::new(),
            oauth: OAuthState::default(),
            gateway: GatewayHub::default(),
            config,
        };
        let bot = User {
            id: world.config.application_id,
            username: world.config.bot_name.clone(),
            discriminator: "4821".into(),
            global_name: None,
            avatar: Some("3f1c0de2a9b84e77b5d0c6a1e2f34d90".into()),
            bot: true,
        };
        world.ids.observe(bot.id);
        world.users.insert(bot.id, bot);
        world
    }

    /// Forgets everything but the bot application; gateway connections stay open.
    pub fn reset(&mut self) {
        let gateway = std::mem::take(&mut self.gateway);
        *self = Self::new(self.config.clone());
        self.gateway = gateway;
    }

    /// The bot's user id.
    pub fn bot_id(&self) -> u64 {
        self.config.application_id
    }

    /// A channel, or 404/10003.
    pub fn channel(&self, id: u64) -> ApiResult<&Channel> {
        self.channels.get(&id).ok_or_else(ApiError::unknown_channel)
    }

    /// A guild, or 404/10004.
    pub fn guild(&self, id: u64) -> ApiResult<&Guild> {
        self.guilds.get(&id).ok_or_else(ApiError::unknown_guild)
    }

    /// A user, or 404/10013.
    pub fn user(&self, id: u64) -> ApiResult<&User> {
        self.users.get(&id).ok_or_else(ApiError::unknown_user)
    }

    /// A message in a channel, or 404/10008.
    pub fn message(&self, channel_id: u64, id: u64) -> ApiResult<&Message> {
        self.messages
            .get(&id)
            .filter(|m| m.channel_id == channel_id)
            .ok_or_else(ApiError::unknown_message)
    }

    /// Guild-level permissions of a member (all bits for the owner and administrators).
    pub fn member_permissions(&self, guild: &Guild, user_id: u64) -> u64 {
        let Some(member) = guild.members.get(&user_id) else {
            return 0;
        };
        if guild.owner_id == user_id {
            return perm::ALL;
        }
        let bits = guild
            .roles
            .iter()
            .filter(|r| r.id == guild.id || member.roles.contains(&r.id))
            .fold(0, |bits, r| bits | r.permissions);
        if bits & perm::ADMINISTRATOR != 0 {
            perm::ALL
        } else {
            bits
        }
    }

    /// Permissions of a user in a channel (guild permissions; no overwrites are modelled).
    pub fn channel_permissions(&self, channel: &Channel, user_id: u64) -> u64 {
        match channel.guild_id.and_then(|g| self.guilds.get(&g)) {
            Some(guild) => self.member_permissions(guild, user_id),
            None if channel.recipients.contains(&user_id) || user_id == self.bot_id() => {
                perm::VIEW_CHANNEL | perm::SEND_MESSAGES
            }
            None => 0,
        }
    }

    /// Whether a user sees a channel: guild members see channels; private threads only their
    /// members and those with MANAGE_THREADS; DMs their recipient and the bot.
    pub fn can_view(&self, channel: &Channel, user_id: u64) -> bool {
        let perms = self.channel_permissions(channel, user_id);
        if perms & perm::VIEW_CHANNEL == 0 {
            return false;
        }
        match &channel.thread {
            Some(t) if channel.kind == kind::PRIVATE_THREAD => {
                t.members.contains_key(&user_id) || perms & perm::MANAGE_THREADS != 0
            }
            _ => true,
        }
    }

    /// A channel the bot can see, else 404 (unknown) or 403/50001 (no access).
    pub fn visible_channel(&self, id: u64) -> ApiResult<&Channel> {
        let channel = self.channel(id)?;
        if self.can_view(channel, self.bot_id()) {
            Ok(channel)
        } else {
            Err(ApiError::missing_access())
        }
    }

    /// Registered commands that a user sees in a guild (guild ones first), by name.
    pub fn find_command(&self, guild_id: Option<u64>, name: &str) -> Option<&Command> {
        let guild_cmd = self
            .commands
            .iter()
            .find(|c| c.guild_id.is_some() && c.guild_id == guild_id && c.name() == name);
        guild_cmd.or_else(|| {
            self.commands
                .iter()
                .find(|c| c.guild_id.is_none() && c.name() == name)
        })
    }
}
