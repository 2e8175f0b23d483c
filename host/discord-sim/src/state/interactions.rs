//! Interactions that simulated users cause: building the INTERACTION_CREATE payload Discord
//! would send, dispatching it, and keeping what the bot did about it.

use super::World;
use super::model::Channel;
use crate::error::{ApiError, ApiResult};
use crate::gateway::hub::intent;
use crate::types::{
    ClickRequest, Dispatched, InteractionKind, InteractionView, ModalSubmitRequest,
};
use axum::http::StatusCode;
use rand::Rng;
use rand::distributions::Alphanumeric;
use serde_json::{Value, json};
use std::time::Instant;

/// Permissions Discord reports for the app in a DM (`app_permissions`).
const DM_APP_PERMISSIONS: &str = "442368";

/// One interaction and what the bot did about it.
#[derive(Debug, Clone)]
pub struct InteractionRecord {
    /// Interaction id.
    pub id: u64,
    /// Token for callbacks and webhooks.
    pub token: String,
    /// What the user did.
    pub kind: InteractionKind,
    /// Clicked component's or submitted modal's custom id.
    pub custom_id: Option<String>,
    /// Command name.
    pub command: Option<String>,
    /// The acting user.
    pub user_id: u64,
    /// Guild, if any.
    pub guild_id: Option<u64>,
    /// Channel or thread.
    pub channel_id: u64,
    /// Message the clicked component is on.
    pub message_id: Option<u64>,
    /// When it was dispatched.
    pub dispatched_at: Instant,
    /// Initial response type.
    pub response_type: Option<u8>,
    /// Milliseconds from dispatch to the initial response.
    pub ack_ms: Option<u64>,
    /// Not answered within the deadline.
    pub failed: bool,
    /// `data` of the initial response.
    pub response: Option<Value>,
    /// The message that `@original` refers to.
    pub original_message_id: Option<u64>,
    /// Follow-up messages.
    pub followups: Vec<u64>,
    /// The INTERACTION_CREATE `d` that was dispatched.
    pub payload: Value,
}

impl World {
    pub(super) fn new_record_for(
        &mut self,
        kind: InteractionKind,
        user_id: u64,
        channel: &Channel,
    ) -> InteractionRecord {
        let id = self.ids.next();
        let random: String = rand::thread_rng()
            .sample_iter(&Alphanumeric)
            .take(64)
            .map(char::from)
            .collect();
        InteractionRecord {
            id,
            token: format!("aW50ZXJhY3Rpb246{id}-{random}"),
            kind,
            custom_id: None,
            command: None,
            user_id,
            guild_id: channel.guild_id,
            channel_id: channel.id,
            message_id: None,
            dispatched_at: Instant::now(),
            response_type: None,
            ack_ms: None,
            failed: false,
            response: None,
            original_message_id: None,
            followups: Vec::new(),
            payload: Value::Null,
        }
    }

    /// A channel where `user_id` acts, or a control-API error saying why not.
    pub(super) fn channel_for_user(&self, channel_id: u64, user_id: u64) -> ApiResult<Channel> {
        self.user(user_id).map_err(|_| {
            ApiError::control(StatusCode::NOT_FOUND, format!("unknown user {user_id}"))
        })?;
        let channel = self.channel(channel_id).map_err(|_| {
            ApiError::control(
                StatusCode::NOT_FOUND,
                format!("unknown channel {channel_id}"),
            )
        })?;
        if !self.can_view(channel, user_id) {
            let msg = format!(
                "user {user_id} cannot see channel {channel_id} \
                 (not a member of the guild or private thread)"
            );
            return Err(ApiError::control(StatusCode::FORBIDDEN, msg));
        }
        Ok(channel.clone())
    }

    /// The INTERACTION_CREATE `d` for a record, with `data` (and `message` for components).
    pub(super) fn interaction_payload(
        &self,
        rec: &InteractionRecord,
        type_num: u8,
        data: &Value,
    ) -> ApiResult<Value> {
        let channel = self.channel(rec.channel_id)?;
        let mut channel_json = self.channel_json(channel);
        let mut d = json!({
            "id": rec.id.to_string(),
            "application_id": self.config.application_id.to_string(),
            "type": type_num,
            "data": data,
            "channel_id": rec.channel_id.to_string(),
            "token": rec.token,
            "version": 1,
            "locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 10_485_760,
        });
        match rec.guild_id {
            Some(guild_id) => {
                let guild = self.guild(guild_id)?;
                let member = guild
                    .members
                    .get(&rec.user_id)
                    .ok_or_else(ApiError::unknown_member)?;
                let user_perms = self.channel_permissions(channel, rec.user_id).to_string();
                let app_perms = self.channel_permissions(channel, self.bot_id()).to_string();
                let mut member_json = self.member_json(member);
                member_json["permissions"] = json!(user_perms);
                channel_json["permissions"] = json!(user_perms);
                d["guild"] =
                    json!({ "id": guild_id.to_string(), "locale": "en-US", "features": [] });
                d["guild_id"] = json!(guild_id.to_string());
                d["guild_locale"] = json!("en-US");
                d["member"] = member_json;
                d["app_permissions"] = json!(app_perms);
                d["authorizing_integration_owners"] = json!({ "0": guild_id.to_string() });
                d["context"] = json!(0);
            }
            None => {
                d["user"] = self.user_json(rec.user_id);
                d["app_permissions"] = json!(DM_APP_PERMISSIONS);
                d["authorizing_integration_owners"] = json!({ "0": "0" });
                d["context"] = json!(1);
            }
        }
        d["channel"] = channel_json;
        if let Some(message_id) = rec.message_id {
            let message = self
                .messages
                .get(&message_id)
                .ok_or_else(ApiError::unknown_message)?;
            d["message"] = self.message_json(message);
        }
        Ok(d)
    }

    /// Stores the record and dispatches INTERACTION_CREATE.
    pub(super) fn dispatch_interaction(
        &mut self,
        mut rec: InteractionRecord,
        d: &Value,
    ) -> Dispatched {
        self.gateway.dispatch("INTERACTION_CREATE", d, intent::NONE);
        rec.payload = d.clone();
        let out = Dispatched {
            interaction_id: rec.id,
            token: rec.token.clone(),
        };
        self.interactions.insert(rec.id, rec);
        out
    }

    /// A user clicks a button (or picks values in a select) on a message.
    pub fn click(&mut self, req: &ClickRequest) -> ApiResult<Dispatched> {
        let message = self.messages.get(&req.message_id).cloned().ok_or_else(|| {
            ApiError::control(
                StatusCode::NOT_FOUND,
                format!("unknown message {}", req.message_id),
            )
        })?;
        if req.channel_id.is_some_and(|c| c != message.channel_id) {
            let msg = format!(
                "message {} is not in channel {:?}",
                message.id, req.channel_id
            );
            return Err(ApiError::control(StatusCode::NOT_FOUND, msg));
        }
        let channel = self.channel_for_user(message.channel_id, req.user_id)?;
        if message.visible_to.is_some_and(|u| u != req.user_id) {
            let msg = format!(
                "message {} is ephemeral and not shown to user {}",
                message.id, req.user_id
            );
            return Err(ApiError::control(StatusCode::FORBIDDEN, msg));
        }
        let component = crate::validate::interactive_components(&message.components)
            .find(|c| c["custom_id"].as_str() == Some(req.custom_id.as_str()))
            .cloned()
            .ok_or_else(|| {
                let msg = format!(
                    "message {} has no component with custom_id `{}`",
                    message.id, req.custom_id
                );
                ApiError::control(StatusCode::BAD_REQUEST, msg)
            })?;
        if component["disabled"].as_bool() == Some(true) {
            let msg = format!("component `{}` is disabled", req.custom_id);
            return Err(ApiError::control(StatusCode::BAD_REQUEST, msg));
        }

        let mut rec = self.new_record_for(InteractionKind::Component, req.user_id, &channel);
        rec.custom_id = Some(req.custom_id.clone());
        rec.message_id = Some(message.id);
        let component_type = component["type"].as_u64().unwrap_or(2);
        let mut data = json!({
            "component_type": component_type,
            "id": component["id"],
            "custom_id": req.custom_id,
        });
        if component_type != 2 {
            data["values"] = json!(req.values);
        }
        let d = self.interaction_payload(&rec, 3, &data)?;
        Ok(self.dispatch_interaction(rec, &d))
    }

    /// A user submits the modal the bot answered an interaction with.
    pub fn submit_modal(&mut self, req: &ModalSubmitRequest) -> ApiResult<Dispatched> {
        let unknown = || {
            ApiError::control(
                StatusCode::NOT_FOUND,
                format!("unknown interaction {}", req.interaction_id),
            )
        };
        let opener = self
            .interactions
            .get(&req.interaction_id)
            .cloned()
            .ok_or_else(unknown)?;
        let modal = match (opener.response_type, &opener.response) {
            (Some(9), Some(modal)) => modal.clone(),
            _ => {
                let msg = format!("interaction {} was not answered with a modal", opener.id);
                return Err(ApiError::control(StatusCode::BAD_REQUEST, msg));
            }
        };
        let channel = self.channel_for_user(opener.channel_id, opener.user_id)?;
        let mut rec = self.new_record_for(InteractionKind::ModalSubmit, opener.user_id, &channel);
        rec.custom_id = modal["custom_id"].as_str().map(str::to_owned);
        rec.message_id = opener.message_id;
        let rows: Vec<Value> = modal["components"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|row| {
                let inputs: Vec<Value> = row["components"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|input| {
                        let custom_id = input["custom_id"].as_str().unwrap_or_default();
                        let value = req.values.get(custom_id).cloned().unwrap_or_default();
                        let id = &input["id"];
                        json!({ "type": 4, "id": id, "custom_id": custom_id, "value": value })
                    })
                    .collect();
                json!({ "type": 1, "id": row["id"], "components": inputs })
            })
            .collect();
        let data = json!({ "custom_id": rec.custom_id, "components": rows });
        let d = self.interaction_payload(&rec, 5, &data)?;
        Ok(self.dispatch_interaction(rec, &d))
    }

    /// Marks an interaction failed if nobody answered it (called at its deadline).
    pub fn expire_interaction(&mut self, id: u64) {
        if let Some(rec) = self.interactions.get_mut(&id) {
            if rec.response_type.is_none() {
                rec.failed = true;
            }
        }
    }

    /// The control API's view of an interaction.
    pub fn interaction_view(&self, rec: &InteractionRecord) -> InteractionView {
        let view = |id: &u64| self.messages.get(id).map(|m| self.message_view(m));
        InteractionView {
            id: rec.id,
            token: rec.token.clone(),
            kind: rec.kind,
            custom_id: rec.custom_id.clone(),
            command: rec.command.clone(),
            user_id: rec.user_id,
            guild_id: rec.guild_id,
            channel_id: rec.channel_id,
            message_id: rec.message_id,
            response_type: rec.response_type,
            ack_ms: rec.ack_ms,
            failed: rec.failed,
            response: rec.response.clone(),
            original: rec.original_message_id.as_ref().and_then(view),
            followups: rec.followups.iter().filter_map(view).collect(),
        }
    }
}
