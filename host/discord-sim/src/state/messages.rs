//! Messages, threads and DMs, and the control API's views of the world.

use super::World;
use super::model::{Channel, Member, Message, ThreadInfo, kind};
use super::ops::PostMeta;
use crate::error::{ApiError, ApiResult};
use crate::gateway::hub::intent;
use crate::types::{ChannelView, MemberView, MessageView};
use crate::validate::MessageBody;
use chrono::Utc;
use serde_json::json;
use std::collections::BTreeMap;

impl World {
    /// Posts a message (already checked) and dispatches MESSAGE_CREATE unless ephemeral.
    pub fn post_message(
        &mut self,
        channel_id: u64,
        author_id: u64,
        body: MessageBody,
        meta: PostMeta,
    ) -> ApiResult<u64> {
        let id = self.ids.next();
        let channel = self
            .channels
            .get_mut(&channel_id)
            .ok_or_else(ApiError::unknown_channel)?;
        let position = channel.thread.as_ref().map(|_| channel.total_message_sent);
        channel.last_message_id = Some(id);
        channel.total_message_sent += 1;
        let guild_id = channel.guild_id;
        let message = Message {
            id,
            channel_id,
            author_id,
            kind: meta.kind,
            content: body.content.unwrap_or_default(),
            components: body.components.unwrap_or_default(),
            embeds: body.embeds.unwrap_or_default(),
            flags: body.flags.unwrap_or(0),
            timestamp: Utc::now(),
            edited_timestamp: None,
            webhook_id: meta.webhook_id,
            position,
            visible_to: meta.visible_to,
            interaction_id: meta.interaction_id,
        };
        let visible = meta.visible_to.is_none();
        self.messages.insert(id, message);
        if visible {
            self.dispatch_message("MESSAGE_CREATE", id, guild_id);
        }
        Ok(id)
    }

    /// Applies an edit (fields present in `body` replace the stored ones).
    pub fn edit_message(&mut self, id: u64, body: MessageBody) -> ApiResult<()> {
        let message = self
            .messages
            .get_mut(&id)
            .ok_or_else(ApiError::unknown_message)?;
        if let Some(content) = body.content {
            message.content = content;
        }
        if let Some(components) = body.components {
            message.components = components;
        }
        if let Some(embeds) = body.embeds {
            message.embeds = embeds;
        }
        // Editing a deferred ("thinking") reply turns it into a normal one.
        message.flags &= !128;
        if let Some(flags) = body.flags {
            message.flags = (message.flags & 64) | (flags & !64 & !128);
        }
        message.edited_timestamp = Some(Utc::now());
        let (visible, channel_id) = (message.visible_to.is_none(), message.channel_id);
        if visible {
            let guild_id = self.channels.get(&channel_id).and_then(|c| c.guild_id);
            self.dispatch_message("MESSAGE_UPDATE", id, guild_id);
        }
        Ok(())
    }

    fn dispatch_message(&mut self, event: &str, id: u64, guild_id: Option<u64>) {
        let Some(message) = self.messages.get(&id) else {
            return;
        };
        let mut d = self.message_json(message);
        let bits = match guild_id {
            Some(g) => {
                d["guild_id"] = json!(g.to_string());
                let member = self
                    .guilds
                    .get(&g)
                    .and_then(|gd| gd.members.get(&message.author_id));
                if let Some(member) = member {
                    let mut m = self.member_json(member);
                    m.as_object_mut().map(|o| o.remove("user"));
                    d["member"] = m;
                }
                intent::GUILD_MESSAGES
            }
            None => intent::DIRECT_MESSAGES,
        };
        self.gateway.dispatch(event, &d, bits);
    }

    /// Creates a thread without a starter message; its creator is its first member.
    pub fn create_thread(
        &mut self,
        parent_id: u64,
        owner_id: u64,
        name: &str,
        thread_kind: u8,
        id: Option<u64>,
    ) -> ApiResult<u64> {
        let parent = self.channel(parent_id)?;
        let guild_id = parent.guild_id.ok_or_else(ApiError::unknown_channel)?;
        let id = self.fresh_id(id);
        let now = Utc::now();
        let thread = Channel {
            id,
            kind: thread_kind,
            guild_id: Some(guild_id),
            name: name.to_owned(),
            topic: None,
            parent_id: Some(parent_id),
            position: 0,
            owner_id: Some(owner_id),
            thread: Some(ThreadInfo {
                members: BTreeMap::from([(owner_id, now)]),
                archived: false,
                locked: false,
                invitable: false,
                auto_archive_duration: 1440,
                created_at: now,
            }),
            recipients: vec![],
            last_message_id: None,
            total_message_sent: 0,
        };
        let mut d = self.channel_json(&thread);
        d["newly_created"] = json!(true);
        self.channels.insert(id, thread);
        self.gateway.dispatch("THREAD_CREATE", &d, intent::GUILDS);
        Ok(id)
    }

    /// Adds a user to a thread (no-op when already a member).
    pub fn join_thread(&mut self, thread_id: u64, user_id: u64) -> ApiResult<()> {
        let channel = self.channel(thread_id)?;
        let guild_id = channel.guild_id.ok_or_else(ApiError::unknown_channel)?;
        if !self.guild(guild_id)?.members.contains_key(&user_id) {
            return Err(ApiError::unknown_member());
        }
        let thread = self
            .channels
            .get_mut(&thread_id)
            .and_then(|c| c.thread.as_mut());
        let thread = thread.ok_or_else(ApiError::unknown_channel)?;
        thread.members.entry(user_id).or_insert_with(Utc::now);
        Ok(())
    }

    /// Removes a user from a thread.
    pub fn leave_thread(&mut self, thread_id: u64, user_id: u64) -> ApiResult<()> {
        let thread = self
            .channels
            .get_mut(&thread_id)
            .and_then(|c| c.thread.as_mut());
        let thread = thread.ok_or_else(ApiError::unknown_channel)?;
        thread
            .members
            .remove(&user_id)
            .map(|_| ())
            .ok_or_else(ApiError::unknown_member)
    }

    /// The DM channel between the bot and a user, made on first use.
    pub fn open_dm(&mut self, user_id: u64) -> ApiResult<u64> {
        self.user(user_id)?;
        let existing = self
            .channels
            .values()
            .find(|c| c.kind == kind::DM && c.recipients == [user_id]);
        if let Some(existing) = existing {
            return Ok(existing.id);
        }
        let id = self.ids.next();
        let channel = Channel {
            id,
            kind: kind::DM,
            guild_id: None,
            name: String::new(),
            topic: None,
            parent_id: None,
            position: 0,
            owner_id: None,
            thread: None,
            recipients: vec![user_id],
            last_message_id: None,
            total_message_sent: 0,
        };
        self.channels.insert(id, channel);
        Ok(id)
    }

    /// The control API's view of a message.
    pub fn message_view(&self, m: &Message) -> MessageView {
        MessageView {
            id: m.id,
            channel_id: m.channel_id,
            author_id: m.author_id,
            author: self
                .users
                .get(&m.author_id)
                .map(|u| u.username.clone())
                .unwrap_or_default(),
            content: m.content.clone(),
            flags: m.flags,
            visible_to: m.visible_to,
            components: m.components.clone(),
            embeds: m.embeds.clone(),
            timestamp: crate::snowflake::iso(m.timestamp),
            edited_timestamp: m.edited_timestamp.map(crate::snowflake::iso),
            interaction_id: m.interaction_id,
        }
    }

    /// The control API's view of a channel.
    pub fn channel_view(&self, c: &Channel) -> ChannelView {
        let members = match &c.thread {
            Some(t) => t.members.keys().copied().collect(),
            None => c.recipients.clone(),
        };
        ChannelView {
            id: c.id,
            kind: c.kind,
            guild_id: c.guild_id,
            name: c.name.clone(),
            parent_id: c.parent_id,
            owner_id: c.owner_id,
            topic: c.topic.clone(),
            members,
            archived: c.thread.as_ref().is_some_and(|t| t.archived),
        }
    }

    /// The control API's view of a member.
    pub fn member_view(&self, m: &Member) -> MemberView {
        MemberView {
            user_id: m.user_id,
            username: self
                .users
                .get(&m.user_id)
                .map(|u| u.username.clone())
                .unwrap_or_default(),
            nick: m.nick.clone(),
            roles: m.roles.clone(),
        }
    }
}
