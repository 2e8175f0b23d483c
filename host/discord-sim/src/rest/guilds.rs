//! Guilds, members and their roles.

use super::{BotAuth, P};
use crate::error::{ApiError, ApiResult};
use crate::sim::SimState;
use crate::state::model::perm;
use crate::state::render;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

fn bot_guild(sim: &SimState, id: u64) -> ApiResult<()> {
    let world = sim.world();
    let guild = world.guild(id)?;
    if guild.members.contains_key(&world.bot_id()) {
        Ok(())
    } else {
        Err(ApiError::missing_access())
    }
}

/// `GET /guilds/{id}`: the guild without the GUILD_CREATE extras.
pub async fn get_guild(
    _: BotAuth,
    State(sim): State<SimState>,
    P(id): P<u64>,
) -> ApiResult<Json<Value>> {
    bot_guild(&sim, id)?;
    let world = sim.world();
    let mut guild = world.guild_create_json(world.guild(id)?);
    if let Some(obj) = guild.as_object_mut() {
        for extra in [
            "joined_at",
            "large",
            "unavailable",
            "member_count",
            "voice_states",
            "members",
            "channels",
            "threads",
            "presences",
            "stage_instances",
            "guild_scheduled_events",
            "soundboard_sounds",
        ] {
            obj.remove(extra);
        }
    }
    Ok(Json(guild))
}

/// `GET /guilds/{id}/channels`: channels, not threads.
pub async fn channels(
    _: BotAuth,
    State(sim): State<SimState>,
    P(id): P<u64>,
) -> ApiResult<Json<Value>> {
    bot_guild(&sim, id)?;
    let world = sim.world();
    let channels = world
        .channels
        .values()
        .filter(|c| c.guild_id == Some(id) && !c.is_thread());
    Ok(Json(Value::Array(
        channels.map(|c| world.channel_json(c)).collect(),
    )))
}

/// `GET /guilds/{id}/roles`.
pub async fn roles(
    _: BotAuth,
    State(sim): State<SimState>,
    P(id): P<u64>,
) -> ApiResult<Json<Value>> {
    bot_guild(&sim, id)?;
    let world = sim.world();
    Ok(Json(Value::Array(
        world.guild(id)?.roles.iter().map(render::role).collect(),
    )))
}

/// `GET /guilds/{id}/threads/active`: `{threads, members}` (members: the bot's).
pub async fn active_threads(
    _: BotAuth,
    State(sim): State<SimState>,
    P(id): P<u64>,
) -> ApiResult<Json<Value>> {
    bot_guild(&sim, id)?;
    let world = sim.world();
    let bot = world.bot_id();
    let threads: Vec<_> = world
        .channels
        .values()
        .filter(|c| {
            c.guild_id == Some(id)
                && c.is_thread()
                && c.thread.as_ref().is_some_and(|t| !t.archived)
        })
        .filter(|c| world.can_view(c, bot))
        .collect();
    let members: Vec<Value> = threads
        .iter()
        .filter_map(|c| world.thread_member_json(c, bot))
        .collect();
    let threads: Vec<Value> = threads.iter().map(|c| world.channel_json(c)).collect();
    Ok(Json(json!({ "threads": threads, "members": members })))
}

/// Query of `GET /guilds/{id}/members`.
#[derive(Debug, Deserialize)]
pub struct MembersQuery {
    limit: Option<usize>,
    after: Option<u64>,
}

/// `GET /guilds/{id}/members?limit&after`.
pub async fn members(
    _: BotAuth,
    State(sim): State<SimState>,
    P(id): P<u64>,
    Query(q): Query<MembersQuery>,
) -> ApiResult<Json<Value>> {
    bot_guild(&sim, id)?;
    let world = sim.world();
    let guild = world.guild(id)?;
    let members = guild
        .members
        .values()
        .filter(|m| q.after.is_none_or(|a| m.user_id > a));
    let members = members
        .take(q.limit.unwrap_or(1).clamp(1, 1000))
        .map(|m| world.member_json(m));
    Ok(Json(Value::Array(members.collect())))
}

/// `GET /guilds/{id}/members/{user}`.
pub async fn member(
    _: BotAuth,
    State(sim): State<SimState>,
    P((id, user)): P<(u64, u64)>,
) -> ApiResult<Json<Value>> {
    bot_guild(&sim, id)?;
    let world = sim.world();
    let member = world
        .guild(id)?
        .members
        .get(&user)
        .ok_or_else(ApiError::unknown_member)?;
    Ok(Json(world.member_json(member)))
}

/// Discord's checks before the bot changes a member's roles: MANAGE_ROLES, and the role
/// must be below the bot's highest role and not managed.
fn may_manage(sim: &SimState, guild_id: u64, role_id: u64) -> ApiResult<()> {
    let world = sim.world();
    let guild = world.guild(guild_id)?;
    let role = guild
        .roles
        .iter()
        .find(|r| r.id == role_id)
        .ok_or_else(ApiError::unknown_role)?;
    let bot = world.bot_id();
    let bot_roles = guild
        .members
        .get(&bot)
        .map(|m| m.roles.clone())
        .unwrap_or_default();
    let top = guild
        .roles
        .iter()
        .filter(|r| bot_roles.contains(&r.id))
        .map(|r| r.position)
        .max()
        .unwrap_or(0);
    let perms = world.member_permissions(guild, bot);
    if perms & perm::MANAGE_ROLES == 0
        || role.managed
        || (role.position >= top && guild.owner_id != bot)
    {
        return Err(ApiError::missing_permissions());
    }
    Ok(())
}

/// `PUT /guilds/{g}/members/{u}/roles/{r}`: 204.
pub async fn add_role(
    _: BotAuth,
    State(sim): State<SimState>,
    P((guild, user, role)): P<(u64, u64, u64)>,
) -> ApiResult<StatusCode> {
    bot_guild(&sim, guild)?;
    may_manage(&sim, guild, role)?;
    sim.world().set_member_role(guild, user, role, true)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /guilds/{g}/members/{u}/roles/{r}`: 204.
pub async fn remove_role(
    _: BotAuth,
    State(sim): State<SimState>,
    P((guild, user, role)): P<(u64, u64, u64)>,
) -> ApiResult<StatusCode> {
    bot_guild(&sim, guild)?;
    may_manage(&sim, guild, role)?;
    sim.world().set_member_role(guild, user, role, false)?;
    Ok(StatusCode::NO_CONTENT)
}
