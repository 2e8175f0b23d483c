//! Discord JSON for the kept state, shaped like the fixtures (complete enough for serenity).

use super::World;
use super::model::{Channel, Command, Guild, Member, Message, Role, User, kind};
use crate::snowflake::{created_at, iso};
use serde_json::{Value, json};

/// A user object as it appears inside other objects (authors, members, mentions).
#[must_use]
pub fn user(u: &User) -> Value {
    let mut v = json!({
        "id": u.id.to_string(),
        "username": u.username,
        "discriminator": u.discriminator,
        "global_name": u.global_name,
        "avatar": u.avatar,
        "public_flags": 0,
        "avatar_decoration_data": null,
        "collectibles": null,
        "primary_guild": null,
    });
    if u.bot {
        v["bot"] = json!(true);
    }
    v
}

/// `GET /users/@me`: the user with the account fields of the `identify` scope.
#[must_use]
pub fn current_user(u: &User) -> Value {
    let mut v = user(u);
    v["mfa_enabled"] = json!(true);
    v["banner"] = Value::Null;
    v["accent_color"] = Value::Null;
    v["locale"] = json!("en-US");
    v["flags"] = json!(0);
    v["premium_type"] = json!(0);
    if u.bot {
        v["verified"] = json!(true);
    }
    v
}

/// A role object.
#[must_use]
pub fn role(r: &Role) -> Value {
    let mut v = json!({
        "id": r.id.to_string(),
        "name": r.name,
        "color": r.color,
        "colors": { "primary_color": r.color, "secondary_color": null, "tertiary_color": null },
        "hoist": r.hoist,
        "icon": null,
        "unicode_emoji": null,
        "position": r.position,
        "permissions": r.permissions.to_string(),
        "managed": r.managed,
        "mentionable": r.mentionable,
        "flags": 0,
    });
    if let Some(bot_id) = r.bot_id {
        v["tags"] = json!({ "bot_id": bot_id.to_string() });
    }
    v
}

impl World {
    /// A user by id, rendered; an unknown id renders a placeholder "Deleted User".
    pub fn user_json(&self, id: u64) -> Value {
        match self.users.get(&id) {
            Some(u) => user(u),
            None => json!({
                "id": id.to_string(), "username": "deleted_user", "discriminator": "0",
                "global_name": "Deleted User", "avatar": null, "public_flags": 0,
            }),
        }
    }

    /// A guild member object (`GET /guilds/{g}/members/{u}`).
    pub fn member_json(&self, m: &Member) -> Value {
        json!({
            "user": self.user_json(m.user_id),
            "nick": m.nick,
            "avatar": null,
            "banner": null,
            "roles": m.roles.iter().map(u64::to_string).collect::<Vec<_>>(),
            "joined_at": iso(m.joined_at),
            "premium_since": null,
            "deaf": false,
            "mute": false,
            "flags": 0,
            "pending": false,
            "communication_disabled_until": null,
        })
    }

    /// A channel or thread object as `GET /channels/{id}` returns it.
    pub fn channel_json(&self, c: &Channel) -> Value {
        let last = c.last_message_id.map(|id| id.to_string());
        if c.kind == kind::DM {
            let recipients: Vec<Value> = c.recipients.iter().map(|u| self.user_json(*u)).collect();
            return json!({
                "id": c.id.to_string(), "type": c.kind, "last_message_id": last, "flags": 0,
                "recipients": recipients,
            });
        }
        let mut v = json!({
            "id": c.id.to_string(),
            "type": c.kind,
            "guild_id": c.guild_id.map(|g| g.to_string()),
            "name": c.name,
            "parent_id": c.parent_id.map(|p| p.to_string()),
            "last_message_id": last,
            "rate_limit_per_user": 0,
            "flags": 0,
        });
        match &c.thread {
            Some(t) => {
                v["owner_id"] = json!(c.owner_id.map(|o| o.to_string()));
                v["thread_metadata"] = json!({
                    "archived": t.archived,
                    "auto_archive_duration": t.auto_archive_duration,
                    "archive_timestamp": iso(t.created_at),
                    "locked": t.locked,
                    "invitable": t.invitable,
                    "create_timestamp": iso(t.created_at),
                });
                let count = self
                    .messages
                    .values()
                    .filter(|m| m.channel_id == c.id)
                    .count();
                v["member_count"] = json!(t.members.len().min(50));
                v["message_count"] = json!(count);
                v["total_message_sent"] = json!(c.total_message_sent);
            }
            None => {
                v["position"] = json!(c.position);
                v["permission_overwrites"] = json!([]);
                v["topic"] = json!(c.topic);
                v["nsfw"] = json!(false);
            }
        }
        v
    }

    /// A thread member object (`GET /channels/{thread}/thread-members/{user}`).
    pub fn thread_member_json(&self, thread: &Channel, user_id: u64) -> Option<Value> {
        let joined = thread.thread.as_ref()?.members.get(&user_id)?;
        Some(json!({
            "id": thread.id.to_string(),
            "user_id": user_id.to_string(),
            "join_timestamp": iso(*joined),
            "flags": 0,
        }))
    }

    /// A message object as the REST API returns it.
    pub fn message_json(&self, m: &Message) -> Value {
        let mentions: Vec<Value> = mentioned(&m.content, "<@")
            .into_iter()
            .filter(|id| self.users.contains_key(id))
            .map(|id| self.user_json(id))
            .collect();
        let roles: Vec<String> = mentioned(&m.content, "<@&")
            .iter()
            .map(u64::to_string)
            .collect();
        let mut v = json!({
            "type": m.kind,
            "content": m.content,
            "mentions": mentions,
            "mention_roles": roles,
            "attachments": [],
            "embeds": m.embeds,
            "timestamp": iso(m.timestamp),
            "edited_timestamp": m.edited_timestamp.map(iso),
            "flags": m.flags,
            "components": m.components,
            "id": m.id.to_string(),
            "channel_id": m.channel_id.to_string(),
            "author": self.user_json(m.author_id),
            "pinned": false,
            "mention_everyone": m.content.contains("@everyone"),
            "tts": false,
        });
        if let Some(position) = m.position {
            v["position"] = json!(position);
        }
        if let Some(webhook_id) = m.webhook_id {
            v["webhook_id"] = json!(webhook_id.to_string());
            v["application_id"] = json!(webhook_id.to_string());
        }
        v
    }

    /// A registered application command, as Discord returns it.
    pub fn command_json(&self, c: &Command) -> Value {
        let mut v = c.body.clone();
        v["id"] = json!(c.id.to_string());
        v["application_id"] = json!(self.config.application_id.to_string());
        v["version"] = json!(c.version.to_string());
        v["type"] = json!(c.kind());
        if v.get("description").is_none_or(Value::is_null) {
            v["description"] = json!("");
        }
        if v.get("default_member_permissions").is_none() {
            v["default_member_permissions"] = Value::Null;
        }
        if v.get("nsfw").is_none() {
            v["nsfw"] = json!(false);
        }
        match c.guild_id {
            Some(g) => v["guild_id"] = json!(g.to_string()),
            None => {
                if v.get("integration_types").is_none_or(Value::is_null) {
                    v["integration_types"] = json!([0]);
                }
                if v.get("contexts").is_none_or(Value::is_null) {
                    v["contexts"] = json!([0, 1, 2]);
                }
            }
        }
        v
    }

    /// The `d` of a GUILD_CREATE for the bot: every field serenity needs.
    pub fn guild_create_json(&self, g: &Guild) -> Value {
        let bot_id = self.config.application_id;
        let channels: Vec<Value> = self
            .channels
            .values()
            .filter(|c| c.guild_id == Some(g.id) && !c.is_thread())
            .map(|c| self.channel_json(c))
            .collect();
        let threads: Vec<Value> = self
            .channels
            .values()
            .filter(|c| c.guild_id == Some(g.id) && c.is_thread())
            .filter(|c| c.thread.as_ref().is_some_and(|t| !t.archived))
            .filter(|c| self.can_view(c, bot_id))
            .map(|c| self.channel_json(c))
            .collect();
        let members: Vec<Value> = g.members.values().map(|m| self.member_json(m)).collect();
        let joined = g
            .members
            .get(&bot_id)
            .map_or_else(|| created_at(g.id), |m| m.joined_at);
        json!({
            "id": g.id.to_string(), "name": g.name, "icon": null, "splash": null,
            "discovery_splash": null, "owner_id": g.owner_id.to_string(),
            "afk_channel_id": null, "afk_timeout": 300, "verification_level": 1,
            "default_message_notifications": 1, "explicit_content_filter": 0,
            "roles": g.roles.iter().map(role).collect::<Vec<_>>(),
            "emojis": [], "features": [], "mfa_level": 0, "application_id": null,
            "system_channel_id": g.system_channel_id.map(|c| c.to_string()),
            "system_channel_flags": 0, "rules_channel_id": null, "max_members": 500_000,
            "vanity_url_code": null, "description": null, "banner": null, "premium_tier": 0,
            "premium_subscription_count": 0, "preferred_locale": "en-US",
            "public_updates_channel_id": null, "max_video_channel_users": 25,
            "max_stage_video_channel_users": 50, "nsfw_level": 0, "stickers": [],
            "premium_progress_bar_enabled": false, "safety_alerts_channel_id": null,
            "incidents_data": null, "joined_at": iso(joined), "large": false,
            "unavailable": false, "member_count": g.members.len(), "voice_states": [],
            "members": members, "channels": channels, "threads": threads, "presences": [],
            "stage_instances": [], "guild_scheduled_events": [], "soundboard_sounds": [],
        })
    }
}

/// Ids mentioned in `content` with the given opener (`<@` users, `<@&` roles).
fn mentioned(content: &str, opener: &str) -> Vec<u64> {
    let mut ids = Vec::new();
    for part in content.split(opener).skip(1) {
        let part = if opener == "<@" {
            part.trim_start_matches('!')
        } else {
            part
        };
        if opener == "<@" && part.starts_with('&') {
            continue;
        }
        let Some(end) = part.find('>') else { continue };
        match part[..end].parse::<u64>() {
            Ok(id) if !ids.contains(&id) => ids.push(id),
            _ => {}
        }
    }
    ids
}
