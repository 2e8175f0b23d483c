//! What the bot does with an interaction: the initial response (callback), edits of the
//! original response, and follow-up messages.

use super::World;
use super::ops::PostMeta;
use crate::error::{ApiError, ApiResult};
use crate::types::InteractionKind;
use crate::validate::{self, MessageBody};
use serde_json::{Value, json};

/// Message flag: only the acting user sees it.
const EPHEMERAL: u64 = 64;
/// Message flag: a deferred reply that still shows "… is thinking".
const LOADING: u64 = 128;

fn allowed(kind: InteractionKind, from_component: bool) -> &'static [u8] {
    match kind {
        InteractionKind::Autocomplete => &[8],
        InteractionKind::Command => &[4, 5, 9],
        InteractionKind::Component => &[4, 5, 6, 7, 9],
        InteractionKind::ModalSubmit if from_component => &[4, 5, 6, 7],
        InteractionKind::ModalSubmit => &[4, 5],
    }
}

impl World {
    /// `POST /interactions/{id}/{token}/callback`: the initial response.
    pub fn respond(&mut self, id: u64, token: &str, body: &Value) -> ApiResult<()> {
        let rec = self.interactions.get(&id).filter(|r| r.token == token);
        let rec = rec.cloned().ok_or_else(ApiError::unknown_interaction)?;
        if rec.response_type.is_some() {
            return Err(ApiError::already_acknowledged());
        }
        if rec.failed {
            return Err(ApiError::unknown_interaction());
        }
        let response_type = body["type"].as_u64().and_then(|t| u8::try_from(t).ok());
        let Some(response_type) = response_type else {
            return Err(ApiError::field(
                "type",
                "BASE_TYPE_REQUIRED",
                "This field is required",
            ));
        };
        let from_component = rec.message_id.is_some();
        if !allowed(rec.kind, from_component).contains(&response_type) {
            let msg = "Interaction response type is not valid for this interaction.";
            return Err(ApiError::field(
                "type",
                "INTERACTION_RESPONSE_TYPE_INVALID",
                msg,
            ));
        }
        let data = body.get("data").cloned().unwrap_or(Value::Null);
        let response_kind = if rec.kind == InteractionKind::Command {
            20
        } else {
            0
        };
        let meta = PostMeta {
            kind: response_kind,
            webhook_id: Some(self.config.application_id),
            visible_to: None,
            interaction_id: Some(id),
        };
        let original = match response_type {
            4 => {
                let body = validate::message_body(&data, true)?;
                let ephemeral = body.flags.unwrap_or(0) & EPHEMERAL != 0;
                let meta = PostMeta {
                    visible_to: ephemeral.then_some(rec.user_id),
                    ..meta
                };
                Some(self.post_message(rec.channel_id, self.bot_id(), body, meta)?)
            }
            5 => {
                let ephemeral = data["flags"].as_u64().unwrap_or(0) & EPHEMERAL != 0;
                let flags = LOADING | if ephemeral { EPHEMERAL } else { 0 };
                let body = MessageBody {
                    flags: Some(flags),
                    ..MessageBody::default()
                };
                let meta = PostMeta {
                    visible_to: ephemeral.then_some(rec.user_id),
                    ..meta
                };
                Some(self.post_message(rec.channel_id, self.bot_id(), body, meta)?)
            }
            6 => rec.message_id,
            7 => {
                let body = validate::message_body(&data, false)?;
                let message_id = rec.message_id.ok_or_else(ApiError::unknown_message)?;
                self.edit_message(message_id, body)?;
                Some(message_id)
            }
            8 => {
                let choices = data["choices"].as_array().map_or(0, Vec::len);
                if choices > 25 {
                    let msg = "Must be 25 or fewer in length.";
                    return Err(ApiError::field("data.choices", "BASE_TYPE_MAX_LENGTH", msg));
                }
                None
            }
            _ => {
                if data["custom_id"].as_str().is_none() || data["title"].as_str().is_none() {
                    let msg = "This field is required";
                    return Err(ApiError::field("data.custom_id", "BASE_TYPE_REQUIRED", msg));
                }
                None
            }
        };
        let ack_ms = u64::try_from(rec.dispatched_at.elapsed().as_millis()).unwrap_or(u64::MAX);
        if let Some(rec) = self.interactions.get_mut(&id) {
            rec.response_type = Some(response_type);
            rec.ack_ms = Some(ack_ms);
            rec.response = Some(data);
            rec.original_message_id = original;
        }
        Ok(())
    }

    fn interaction_by_token(&self, app_id: u64, token: &str) -> ApiResult<u64> {
        if app_id != self.config.application_id {
            return Err(ApiError::unknown_webhook());
        }
        self.interactions
            .values()
            .find(|r| r.token == token)
            .map(|r| r.id)
            .ok_or_else(ApiError::unknown_webhook)
    }

    /// The message id behind `@original` (or a follow-up id), checked to belong to the token.
    pub fn webhook_message(
        &self,
        app_id: u64,
        token: &str,
        message: Option<u64>,
    ) -> ApiResult<u64> {
        let rec = &self.interactions[&self.interaction_by_token(app_id, token)?];
        match message {
            None => rec
                .original_message_id
                .ok_or_else(ApiError::unknown_message),
            Some(id) if rec.followups.contains(&id) || rec.original_message_id == Some(id) => {
                Ok(id)
            }
            Some(_) => Err(ApiError::unknown_message()),
        }
    }

    /// `PATCH /webhooks/{app}/{token}/messages/{@original|id}`: edits and returns the message.
    pub fn edit_webhook_message(
        &mut self,
        app_id: u64,
        token: &str,
        message: Option<u64>,
        body: &Value,
    ) -> ApiResult<Value> {
        let id = self.webhook_message(app_id, token, message)?;
        let body = validate::message_body(body, false)?;
        self.edit_message(id, body)?;
        Ok(self.message_json(&self.messages[&id]))
    }

    /// `DELETE /webhooks/{app}/{token}/messages/{@original|id}`.
    pub fn delete_webhook_message(
        &mut self,
        app_id: u64,
        token: &str,
        message: Option<u64>,
    ) -> ApiResult<()> {
        let id = self.webhook_message(app_id, token, message)?;
        self.messages.remove(&id);
        Ok(())
    }

    /// `POST /webhooks/{app}/{token}`: a follow-up message. After a deferred reply that still
    /// shows "thinking", the first follow-up fills that reply, as Discord does.
    pub fn followup(&mut self, app_id: u64, token: &str, body: &Value) -> ApiResult<Value> {
        let id = self.interaction_by_token(app_id, token)?;
        let rec = self.interactions[&id].clone();
        if rec.response_type.is_none() {
            return Err(ApiError::unknown_webhook());
        }
        let parsed = validate::message_body(body, true)?;
        let loading = rec
            .original_message_id
            .and_then(|m| self.messages.get(&m))
            .filter(|m| m.flags & LOADING != 0);
        if let (Some(loading), Some(5)) = (loading, rec.response_type) {
            let message_id = loading.id;
            self.edit_message(message_id, parsed)?;
            if let Some(m) = self.messages.get_mut(&message_id) {
                m.edited_timestamp = None;
            }
            return Ok(self.message_json(&self.messages[&message_id]));
        }
        let ephemeral = parsed.flags.unwrap_or(0) & EPHEMERAL != 0;
        let meta = PostMeta {
            kind: 0,
            webhook_id: Some(self.config.application_id),
            visible_to: ephemeral.then_some(rec.user_id),
            interaction_id: Some(id),
        };
        let message_id = self.post_message(rec.channel_id, self.bot_id(), parsed, meta)?;
        if let Some(rec) = self.interactions.get_mut(&id) {
            rec.followups.push(message_id);
        }
        Ok(self.message_json(&self.messages[&message_id]))
    }

    /// Choices of an autocomplete answer, for the control API.
    pub fn autocomplete_choices(&self, id: u64) -> Option<Value> {
        let rec = self.interactions.get(&id)?;
        (rec.response_type == Some(8)).then(|| {
            rec.response
                .as_ref()
                .map_or(json!([]), |d| d["choices"].clone())
        })
    }
}
