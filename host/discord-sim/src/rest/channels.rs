//! Channels, threads and thread members.

use super::{BotAuth, JsonBody, P};
use crate::error::{ApiError, ApiResult};
use crate::sim::SimState;
use crate::state::model::{kind, perm};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

/// `GET /channels/{id}`.
pub async fn get_channel(
    _: BotAuth,
    State(sim): State<SimState>,
    P(id): P<u64>,
) -> ApiResult<Json<Value>> {
    let world = sim.world();
    Ok(Json(world.channel_json(world.visible_channel(id)?)))
}

/// `PATCH /channels/{id}`: name, topic; for threads also archived, locked, invitable,
/// auto_archive_duration.
pub async fn edit_channel(
    _: BotAuth,
    State(sim): State<SimState>,
    P(id): P<u64>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    let mut world = sim.world();
    let channel = world.visible_channel(id)?;
    let perms = world.channel_permissions(channel, world.bot_id());
    let own_thread = channel.owner_id == Some(world.bot_id());
    if perms & perm::MANAGE_THREADS == 0 && !(channel.is_thread() && own_thread) {
        return Err(ApiError::missing_permissions());
    }
    let channel = world
        .channels
        .get_mut(&id)
        .ok_or_else(ApiError::unknown_channel)?;
    if let Some(name) = body["name"].as_str() {
        if name.is_empty() || name.chars().count() > 100 {
            return Err(ApiError::field(
                "name",
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 100 in length.",
            ));
        }
        channel.name = name.to_owned();
    }
    if let Some(topic) = body.get("topic") {
        channel.topic = topic.as_str().map(str::to_owned);
    }
    if let Some(thread) = channel.thread.as_mut() {
        if let Some(archived) = body["archived"].as_bool() {
            thread.archived = archived;
        }
        if let Some(locked) = body["locked"].as_bool() {
            thread.locked = locked;
        }
        if let Some(invitable) = body["invitable"].as_bool() {
            thread.invitable = invitable;
        }
        if let Some(minutes) = body["auto_archive_duration"].as_u64() {
            thread.auto_archive_duration = u32::try_from(minutes).unwrap_or(10_080);
        }
    }
    let channel = world.channel(id)?;
    let d = world.channel_json(channel);
    let event = if channel.is_thread() {
        "THREAD_UPDATE"
    } else {
        "CHANNEL_UPDATE"
    };
    world
        .gateway
        .dispatch(event, &d, crate::gateway::hub::intent::GUILDS);
    Ok(Json(d))
}

/// `DELETE /channels/{id}`: deletes a channel or thread and its messages.
pub async fn delete_channel(
    _: BotAuth,
    State(sim): State<SimState>,
    P(id): P<u64>,
) -> ApiResult<Json<Value>> {
    let mut world = sim.world();
    let channel = world.visible_channel(id)?;
    let d = world.channel_json(channel);
    world.channels.remove(&id);
    world.messages.retain(|_, m| m.channel_id != id);
    Ok(Json(d))
}

/// `POST /channels/{id}/threads`: a thread without a starter message (type 12 private by
/// default, as in API v10). Answers 201 with the thread and the bot's thread member.
pub async fn create_thread(
    _: BotAuth,
    State(sim): State<SimState>,
    P(parent_id): P<u64>,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let mut world = sim.world();
    let parent = world.visible_channel(parent_id)?;
    let thread_kind = body["type"]
        .as_u64()
        .map_or(kind::PRIVATE_THREAD, |t| u8::try_from(t).unwrap_or(0));
    if !matches!(thread_kind, kind::PUBLIC_THREAD | kind::PRIVATE_THREAD) {
        return Err(ApiError::field(
            "type",
            "BASE_TYPE_CHOICES",
            "Value must be one of {10, 11, 12}.",
        ));
    }
    if !matches!(parent.kind, kind::TEXT | kind::ANNOUNCEMENT)
        || (parent.kind == kind::ANNOUNCEMENT && thread_kind == kind::PRIVATE_THREAD)
    {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            50024,
            "Cannot execute action on this channel type",
        ));
    }
    let needed = if thread_kind == kind::PRIVATE_THREAD {
        perm::CREATE_PRIVATE_THREADS
    } else {
        1 << 35
    };
    if world.channel_permissions(parent, world.bot_id()) & needed == 0 {
        return Err(ApiError::missing_permissions());
    }
    let name = body["name"].as_str().unwrap_or_default();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::field(
            "name",
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 100 in length.",
        ));
    }
    let bot_id = world.bot_id();
    let id = world.create_thread(parent_id, bot_id, name, thread_kind, None)?;
    if let Some(thread) = world.channels.get_mut(&id).and_then(|c| c.thread.as_mut()) {
        thread.invitable =
            thread_kind == kind::PRIVATE_THREAD && body["invitable"].as_bool().unwrap_or(true);
        if let Some(minutes) = body["auto_archive_duration"].as_u64() {
            thread.auto_archive_duration = u32::try_from(minutes).unwrap_or(10_080);
        }
    }
    let thread = world.channel(id)?;
    let mut out = world.channel_json(thread);
    out["member"] = world.thread_member_json(thread, bot_id).unwrap_or_default();
    Ok((StatusCode::CREATED, Json(out)))
}

fn user_param(sim: &SimState, user: &str) -> ApiResult<u64> {
    if user == "@me" {
        return Ok(sim.world().bot_id());
    }
    user.parse().map_err(|_| ApiError::unknown_user())
}

fn thread_visible(sim: &SimState, id: u64) -> ApiResult<()> {
    let world = sim.world();
    let channel = world.visible_channel(id)?;
    if channel.is_thread() {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            50024,
            "Cannot execute action on this channel type",
        ))
    }
}

/// `GET /channels/{thread}/thread-members`.
pub async fn list_thread_members(
    _: BotAuth,
    State(sim): State<SimState>,
    P(id): P<u64>,
) -> ApiResult<Json<Value>> {
    thread_visible(&sim, id)?;
    let world = sim.world();
    let thread = world.channel(id)?;
    let users = thread.thread.iter().flat_map(|t| t.members.keys());
    let members = users.filter_map(|u| world.thread_member_json(thread, *u));
    Ok(Json(Value::Array(members.collect())))
}

/// `GET /channels/{thread}/thread-members/{user}`.
pub async fn get_thread_member(
    _: BotAuth,
    State(sim): State<SimState>,
    P((id, user)): P<(u64, String)>,
) -> ApiResult<Json<Value>> {
    thread_visible(&sim, id)?;
    let user = user_param(&sim, &user)?;
    let world = sim.world();
    let member = world.thread_member_json(world.channel(id)?, user);
    member.map(Json).ok_or_else(ApiError::unknown_member)
}

/// `PUT /channels/{thread}/thread-members/{user}` (or `@me`): 204.
pub async fn add_thread_member(
    _: BotAuth,
    State(sim): State<SimState>,
    P((id, user)): P<(u64, String)>,
) -> ApiResult<StatusCode> {
    thread_visible(&sim, id)?;
    let user = user_param(&sim, &user)?;
    let mut world = sim.world();
    let thread = world.channel(id)?;
    if thread.thread.as_ref().is_some_and(|t| t.archived) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            50083,
            "Thread is archived",
        ));
    }
    world.join_thread(id, user)?;
    let d = json!({
        "id": id.to_string(),
        "guild_id": thread_guild(&world, id),
        "member_count": world.channel(id)?.thread.as_ref().map_or(0, |t| t.members.len()),
        "added_members": [world.thread_member_json(world.channel(id)?, user)],
    });
    world.gateway.dispatch(
        "THREAD_MEMBERS_UPDATE",
        &d,
        crate::gateway::hub::intent::GUILD_MEMBERS,
    );
    Ok(StatusCode::NO_CONTENT)
}

fn thread_guild(world: &crate::state::World, id: u64) -> Option<String> {
    world
        .channels
        .get(&id)
        .and_then(|c| c.guild_id)
        .map(|g| g.to_string())
}

/// `DELETE /channels/{thread}/thread-members/{user}` (or `@me`): 204.
pub async fn remove_thread_member(
    _: BotAuth,
    State(sim): State<SimState>,
    P((id, user)): P<(u64, String)>,
) -> ApiResult<StatusCode> {
    thread_visible(&sim, id)?;
    let user = user_param(&sim, &user)?;
    let mut world = sim.world();
    world.leave_thread(id, user)?;
    let d = json!({
        "id": id.to_string(),
        "guild_id": thread_guild(&world, id),
        "member_count": world.channel(id)?.thread.as_ref().map_or(0, |t| t.members.len()),
        "removed_member_ids": [user.to_string()],
    });
    world.gateway.dispatch(
        "THREAD_MEMBERS_UPDATE",
        &d,
        crate::gateway::hub::intent::GUILD_MEMBERS,
    );
    Ok(StatusCode::NO_CONTENT)
}
