//! Changes to users, guilds, channels, roles and members, shared by the REST routes, the
//! control API and the web view.
//! Each change also dispatches the gateway event Discord would send.

use super::World;
use super::model::{Channel, Guild, Member, Role, User, kind, perm};
use crate::error::{ApiError, ApiResult};
use crate::gateway::hub::intent;
use crate::types::{NewChannel, NewGuild, NewRole, NewUser};
use axum::http::StatusCode;
use chrono::Utc;
use serde_json::json;
use std::collections::BTreeMap;

/// Who and what a new message is, besides its body.
#[derive(Debug, Clone, Copy, Default)]
pub struct PostMeta {
    /// Message type (0 default, 20 answer to a slash command).
    pub kind: u8,
    /// Interaction responses and follow-ups carry the application id as webhook id.
    pub webhook_id: Option<u64>,
    /// Ephemeral: the only user who sees it.
    pub visible_to: Option<u64>,
    /// The interaction answered.
    pub interaction_id: Option<u64>,
}

impl World {
    pub(super) fn fresh_id(&mut self, wanted: Option<u64>) -> u64 {
        match wanted {
            Some(id) => {
                self.ids.observe(id);
                id
            }
            None => self.ids.next(),
        }
    }

    /// Creates a user.
    pub fn add_user(&mut self, req: &NewUser) -> ApiResult<u64> {
        if self.users.values().any(|u| u.username == req.username) {
            let msg = format!("username `{}` is taken", req.username);
            return Err(ApiError::control(StatusCode::CONFLICT, msg));
        }
        let id = self.fresh_id(req.id);
        let discriminator = if req.bot { "0001" } else { "0" }.to_owned();
        let user = User {
            id,
            username: req.username.clone(),
            discriminator,
            global_name: req.global_name.clone(),
            avatar: None,
            bot: req.bot,
        };
        self.users.insert(id, user);
        Ok(id)
    }

    /// Creates a guild with @everyone, the bot's managed role and the bot as a member.
    pub fn add_guild(&mut self, req: &NewGuild) -> ApiResult<u64> {
        let id = self.fresh_id(req.id);
        let bot_id = self.bot_id();
        let owner_id = req.owner_id.unwrap_or(bot_id);
        self.user(owner_id)?;
        let everyone = Role {
            id,
            name: "@everyone".into(),
            color: 0,
            hoist: false,
            position: 0,
            permissions: req.everyone_permissions.unwrap_or(perm::EVERYONE_DEFAULT),
            managed: false,
            mentionable: false,
            bot_id: None,
        };
        let bot_role = Role {
            id: self.ids.next(),
            name: self.config.bot_name.clone(),
            position: 1,
            permissions: req.bot_permissions.unwrap_or(perm::BOT_DEFAULT),
            managed: true,
            bot_id: Some(bot_id),
            ..everyone.clone()
        };
        let now = Utc::now();
        let mut members = BTreeMap::new();
        let bot = Member {
            user_id: bot_id,
            nick: None,
            roles: vec![bot_role.id],
            joined_at: now,
        };
        members.insert(bot_id, bot);
        if owner_id != bot_id {
            let owner = Member {
                user_id: owner_id,
                nick: None,
                roles: vec![],
                joined_at: now,
            };
            members.insert(owner_id, owner);
        }
        let guild = Guild {
            id,
            name: req.name.clone(),
            owner_id,
            roles: vec![everyone, bot_role],
            members,
            system_channel_id: None,
        };
        self.guilds.insert(id, guild);
        self.dispatch_guild_create(id);
        Ok(id)
    }

    /// Sends GUILD_CREATE for a guild to the connected bot.
    pub fn dispatch_guild_create(&mut self, guild_id: u64) {
        if let Some(guild) = self.guilds.get(&guild_id) {
            let d = self.guild_create_json(guild);
            self.gateway.dispatch("GUILD_CREATE", &d, intent::GUILDS);
        }
    }

    /// Creates a channel (or, with a thread type and `parent_id`, a thread) in a guild.
    pub fn add_channel(&mut self, guild_id: u64, req: &NewChannel) -> ApiResult<u64> {
        self.guild(guild_id)?;
        let channel_kind = req.kind.unwrap_or(kind::TEXT);
        if matches!(channel_kind, kind::PUBLIC_THREAD | kind::PRIVATE_THREAD) {
            let parent = req.parent_id.ok_or_else(|| {
                ApiError::control(StatusCode::BAD_REQUEST, "a thread needs parent_id")
            })?;
            let owner = req.owner_id.unwrap_or(self.bot_id());
            let id = self.create_thread(parent, owner, &req.name, channel_kind, req.id)?;
            for user in &req.members {
                self.join_thread(id, *user)?;
            }
            return Ok(id);
        }
        let id = self.fresh_id(req.id);
        let position = self
            .channels
            .values()
            .filter(|c| c.guild_id == Some(guild_id))
            .count();
        let channel = Channel {
            id,
            kind: channel_kind,
            guild_id: Some(guild_id),
            name: req.name.clone(),
            topic: req.topic.clone(),
            parent_id: req.parent_id,
            position: i64::try_from(position).unwrap_or(0),
            owner_id: None,
            thread: None,
            recipients: vec![],
            last_message_id: None,
            total_message_sent: 0,
        };
        let d = self.channel_json(&channel);
        self.channels.insert(id, channel);
        if let Some(guild) = self.guilds.get_mut(&guild_id) {
            guild.system_channel_id.get_or_insert(id);
        }
        self.gateway.dispatch("CHANNEL_CREATE", &d, intent::GUILDS);
        Ok(id)
    }

    /// Creates a role at position 1 (just above @everyone), moving the others up.
    pub fn add_role(&mut self, guild_id: u64, req: &NewRole) -> ApiResult<u64> {
        self.guild(guild_id)?;
        let id = self.fresh_id(req.id);
        let guild = self
            .guilds
            .get_mut(&guild_id)
            .ok_or_else(ApiError::unknown_guild)?;
        for role in guild.roles.iter_mut().filter(|r| r.position > 0) {
            role.position += 1;
        }
        let role = Role {
            id,
            name: req.name.clone(),
            color: req.color,
            hoist: req.hoist,
            position: 1,
            permissions: req.permissions,
            managed: false,
            mentionable: req.mentionable,
            bot_id: None,
        };
        let d = json!({ "guild_id": guild_id.to_string(), "role": super::render::role(&role) });
        guild.roles.push(role);
        self.gateway
            .dispatch("GUILD_ROLE_CREATE", &d, intent::GUILDS);
        Ok(id)
    }

    /// Adds a user to a guild (or updates roles and nickname of a member).
    pub fn add_member(
        &mut self,
        guild_id: u64,
        user_id: u64,
        roles: &[u64],
        nick: Option<String>,
    ) -> ApiResult<()> {
        self.user(user_id)?;
        let guild = self
            .guilds
            .get_mut(&guild_id)
            .ok_or_else(ApiError::unknown_guild)?;
        if let Some(bad) = roles
            .iter()
            .find(|r| !guild.roles.iter().any(|g| g.id == **r))
        {
            let msg = format!("role {bad} is not in guild {guild_id}");
            return Err(ApiError::control(StatusCode::BAD_REQUEST, msg));
        }
        let joined = guild.members.contains_key(&user_id);
        let member = guild.members.entry(user_id).or_insert_with(|| Member {
            user_id,
            nick: None,
            roles: vec![],
            joined_at: Utc::now(),
        });
        member.roles = roles.to_vec();
        member.nick = nick;
        let event = if joined {
            "GUILD_MEMBER_UPDATE"
        } else {
            "GUILD_MEMBER_ADD"
        };
        self.dispatch_member(event, guild_id, user_id);
        Ok(())
    }

    fn dispatch_member(&mut self, event: &str, guild_id: u64, user_id: u64) {
        let Some(member) = self
            .guilds
            .get(&guild_id)
            .and_then(|g| g.members.get(&user_id))
        else {
            return;
        };
        let mut d = self.member_json(member);
        d["guild_id"] = json!(guild_id.to_string());
        self.gateway.dispatch(event, &d, intent::GUILD_MEMBERS);
    }

    /// Gives (`give`) or takes a role. Unknown member 10007, unknown role 10011.
    pub fn set_member_role(
        &mut self,
        guild_id: u64,
        user_id: u64,
        role_id: u64,
        give: bool,
    ) -> ApiResult<()> {
        let guild = self
            .guilds
            .get_mut(&guild_id)
            .ok_or_else(ApiError::unknown_guild)?;
        if !guild.roles.iter().any(|r| r.id == role_id) {
            return Err(ApiError::unknown_role());
        }
        let member = guild
            .members
            .get_mut(&user_id)
            .ok_or_else(ApiError::unknown_member)?;
        let has = member.roles.contains(&role_id);
        if give && !has {
            member.roles.push(role_id);
        } else if !give && has {
            member.roles.retain(|r| *r != role_id);
        } else {
            return Ok(());
        }
        self.dispatch_member("GUILD_MEMBER_UPDATE", guild_id, user_id);
        Ok(())
    }
}
