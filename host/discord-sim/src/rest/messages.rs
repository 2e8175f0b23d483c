//! Messages in channels and threads.

use super::{BotAuth, JsonBody, P};
use crate::error::{ApiError, ApiResult};
use crate::sim::SimState;
use crate::state::PostMeta;
use crate::state::model::perm;
use crate::validate;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::Value;

/// Query of `GET /channels/{id}/messages`.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    limit: Option<usize>,
    before: Option<u64>,
    after: Option<u64>,
}

/// `GET /channels/{id}/messages`: newest first, like Discord (ephemeral ones are not listed).
pub async fn list(
    _: BotAuth,
    State(sim): State<SimState>,
    P(id): P<u64>,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<Value>> {
    let world = sim.world();
    world.visible_channel(id)?;
    let limit = q.limit.unwrap_or(50).clamp(1, 100);
    let messages = world
        .messages
        .values()
        .rev()
        .filter(|m| m.channel_id == id && m.visible_to.is_none())
        .filter(|m| q.before.is_none_or(|b| m.id < b) && q.after.is_none_or(|a| m.id > a))
        .take(limit)
        .map(|m| world.message_json(m));
    Ok(Json(Value::Array(messages.collect())))
}

/// `GET /channels/{id}/messages/{message}`.
pub async fn get_one(
    _: BotAuth,
    State(sim): State<SimState>,
    P((id, message)): P<(u64, u64)>,
) -> ApiResult<Json<Value>> {
    let world = sim.world();
    world.visible_channel(id)?;
    let message = world
        .message(id, message)
        .ok()
        .filter(|m| m.visible_to.is_none());
    Ok(Json(world.message_json(
        message.ok_or_else(ApiError::unknown_message)?,
    )))
}

/// `POST /channels/{id}/messages`: content ≤ 2000 characters, ≤ 5 rows of ≤ 5 buttons,
/// custom ids ≤ 100 characters; a private thread needs the bot as member (or
/// MANAGE_THREADS), else 403/50001.
pub async fn create(
    _: BotAuth,
    State(sim): State<SimState>,
    P(id): P<u64>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    let mut world = sim.world();
    let channel = world.visible_channel(id)?;
    let bot_id = world.bot_id();
    let needed = if channel.is_thread() {
        perm::SEND_MESSAGES_IN_THREADS
    } else {
        perm::SEND_MESSAGES
    };
    if world.channel_permissions(channel, bot_id) & needed == 0 {
        return Err(ApiError::missing_permissions());
    }
    if channel.thread.as_ref().is_some_and(|t| t.locked) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            50083,
            "Thread is archived",
        ));
    }
    let parsed = validate::message_body(&body, true)?;
    if let Some(thread) = world.channels.get_mut(&id).and_then(|c| c.thread.as_mut()) {
        // Sending in an archived (unlocked) thread unarchives it, as on Discord.
        thread.archived = false;
    }
    let message_id = world.post_message(id, bot_id, parsed, PostMeta::default())?;
    Ok(Json(world.message_json(&world.messages[&message_id])))
}

/// `PATCH /channels/{id}/messages/{message}`: only the bot's own messages.
pub async fn edit(
    _: BotAuth,
    State(sim): State<SimState>,
    P((id, message)): P<(u64, u64)>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    let mut world = sim.world();
    world.visible_channel(id)?;
    let author = world.message(id, message)?.author_id;
    if author != world.bot_id() {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            50005,
            "Cannot edit a message authored by another user",
        ));
    }
    let parsed = validate::message_body(&body, false)?;
    world.edit_message(message, parsed)?;
    Ok(Json(world.message_json(&world.messages[&message])))
}

/// `DELETE /channels/{id}/messages/{message}`: 204.
pub async fn delete(
    _: BotAuth,
    State(sim): State<SimState>,
    P((id, message)): P<(u64, u64)>,
) -> ApiResult<StatusCode> {
    let mut world = sim.world();
    world.visible_channel(id)?;
    world.message(id, message)?;
    world.messages.remove(&message);
    Ok(StatusCode::NO_CONTENT)
}
