//! Control routes that build and read the world.

use super::CJson;
use crate::error::{ApiError, ApiResult};
use crate::rest::P;
use crate::sim::SimState;
use crate::state::ExampleIds;
use crate::types::{
    ChannelView, MemberView, MessageView, NewChannel, NewGuild, NewMember, NewRole, NewUser,
    UserPost,
};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

fn not_found(what: &str) -> ApiError {
    ApiError::control(StatusCode::NOT_FOUND, what.to_owned())
}

/// `GET /_sim/state`: users, guilds with roles and members, channels, commands, sessions.
pub async fn state(State(sim): State<SimState>) -> Json<Value> {
    let world = sim.world();
    let guilds: Vec<Value> = world
        .guilds
        .values()
        .map(|g| {
            let roles: Vec<Value> = g.roles.iter().map(crate::state::render::role).collect();
            let members: Vec<MemberView> =
                g.members.values().map(|m| world.member_view(m)).collect();
            json!({
                "id": g.id.to_string(),
                "name": g.name,
                "owner_id": g.owner_id.to_string(),
                "roles": roles,
                "members": members,
            })
        })
        .collect();
    let channels: Vec<ChannelView> = world
        .channels
        .values()
        .map(|c| world.channel_view(c))
        .collect();
    let users: Vec<Value> = world
        .users
        .values()
        .map(crate::state::render::user)
        .collect();
    let commands: Vec<Value> = world
        .commands
        .iter()
        .map(|c| world.command_json(c))
        .collect();
    Json(json!({
        "application_id": world.config.application_id.to_string(),
        "users": users,
        "guilds": guilds,
        "channels": channels,
        "commands": commands,
        "gateway": world.gateway.views(),
    }))
}

/// `POST /_sim/seed`: the example world; answers its ids.
pub async fn seed(State(sim): State<SimState>) -> ApiResult<Json<ExampleIds>> {
    sim.seed_example().map(Json)
}

/// Body of `POST /_sim/reset`.
#[derive(Debug, Default, Deserialize)]
pub struct ResetBody {
    #[serde(default)]
    seed: bool,
}

/// `POST /_sim/reset` `{"seed": bool}`: forget everything (then seed the example world).
pub async fn reset(
    State(sim): State<SimState>,
    CJson(body): CJson<ResetBody>,
) -> ApiResult<Json<Value>> {
    sim.reset();
    if body.seed {
        return Ok(Json(
            serde_json::to_value(sim.seed_example()?).unwrap_or_default(),
        ));
    }
    Ok(Json(json!({})))
}

/// `GET /_sim/users`.
pub async fn users(State(sim): State<SimState>) -> Json<Value> {
    let world = sim.world();
    Json(Value::Array(
        world
            .users
            .values()
            .map(crate::state::render::user)
            .collect(),
    ))
}

/// `POST /_sim/users` (NewUser): the user object.
pub async fn create_user(
    State(sim): State<SimState>,
    CJson(req): CJson<NewUser>,
) -> ApiResult<Json<Value>> {
    let mut world = sim.world();
    let id = world.add_user(&req)?;
    Ok(Json(world.user_json(id)))
}

/// `POST /_sim/guilds` (NewGuild): `{id}`.
pub async fn create_guild(
    State(sim): State<SimState>,
    CJson(req): CJson<NewGuild>,
) -> ApiResult<Json<Value>> {
    let id = sim.world().add_guild(&req)?;
    Ok(Json(json!({ "id": id.to_string() })))
}

/// `POST /_sim/guilds/{g}/channels` (NewChannel): the channel.
pub async fn create_channel(
    State(sim): State<SimState>,
    P(guild): P<u64>,
    CJson(req): CJson<NewChannel>,
) -> ApiResult<Json<ChannelView>> {
    let mut world = sim.world();
    let id = world.add_channel(guild, &req)?;
    Ok(Json(world.channel_view(world.channel(id)?)))
}

/// `POST /_sim/guilds/{g}/roles` (NewRole): `{id}`.
pub async fn create_role(
    State(sim): State<SimState>,
    P(guild): P<u64>,
    CJson(req): CJson<NewRole>,
) -> ApiResult<Json<Value>> {
    let id = sim.world().add_role(guild, &req)?;
    Ok(Json(json!({ "id": id.to_string() })))
}

/// `GET /_sim/guilds/{g}/members`.
pub async fn members(
    State(sim): State<SimState>,
    P(guild): P<u64>,
) -> ApiResult<Json<Vec<MemberView>>> {
    let world = sim.world();
    let guild = world.guild(guild)?;
    Ok(Json(
        guild
            .members
            .values()
            .map(|m| world.member_view(m))
            .collect(),
    ))
}

/// `GET /_sim/guilds/{g}/members/{u}`.
pub async fn member(
    State(sim): State<SimState>,
    P((guild, user)): P<(u64, u64)>,
) -> ApiResult<Json<MemberView>> {
    let world = sim.world();
    let member = world
        .guild(guild)?
        .members
        .get(&user)
        .ok_or_else(|| not_found("not a member"))?;
    Ok(Json(world.member_view(member)))
}

/// `PUT /_sim/guilds/{g}/members/{u}` (NewMember): joins (or updates) and answers the member.
pub async fn add_member(
    State(sim): State<SimState>,
    P((guild, user)): P<(u64, u64)>,
    CJson(req): CJson<NewMember>,
) -> ApiResult<Json<MemberView>> {
    let mut world = sim.world();
    world.add_member(guild, user, &req.roles, req.nick)?;
    let member = world
        .guild(guild)?
        .members
        .get(&user)
        .ok_or_else(|| not_found("not a member"))?;
    Ok(Json(world.member_view(member)))
}

/// `PUT /_sim/guilds/{g}/members/{u}/roles/{r}`: 204.
pub async fn give_role(
    State(sim): State<SimState>,
    P((guild, user, role)): P<(u64, u64, u64)>,
) -> ApiResult<StatusCode> {
    sim.world().set_member_role(guild, user, role, true)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /_sim/guilds/{g}/members/{u}/roles/{r}`: 204.
pub async fn take_role(
    State(sim): State<SimState>,
    P((guild, user, role)): P<(u64, u64, u64)>,
) -> ApiResult<StatusCode> {
    sim.world().set_member_role(guild, user, role, false)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Query of `GET /_sim/channels`.
#[derive(Debug, Deserialize)]
pub struct ChannelQuery {
    guild_id: Option<u64>,
    parent_id: Option<u64>,
}

/// `GET /_sim/channels?guild_id&parent_id`: channels and threads.
pub async fn channels(
    State(sim): State<SimState>,
    Query(q): Query<ChannelQuery>,
) -> Json<Vec<ChannelView>> {
    Json(sim.channels(q.guild_id, q.parent_id))
}

/// `GET /_sim/channels/{c}`.
pub async fn channel(State(sim): State<SimState>, P(id): P<u64>) -> ApiResult<Json<ChannelView>> {
    let world = sim.world();
    let channel = world
        .channels
        .get(&id)
        .ok_or_else(|| not_found("unknown channel"))?;
    Ok(Json(world.channel_view(channel)))
}

/// `GET /_sim/channels/{c}/messages`: oldest first, ephemeral ones included.
pub async fn messages(
    State(sim): State<SimState>,
    P(id): P<u64>,
) -> ApiResult<Json<Vec<MessageView>>> {
    sim.messages(id).map(Json)
}

/// `POST /_sim/channels/{c}/messages` (UserPost): a simulated user writes a message.
pub async fn post_message(
    State(sim): State<SimState>,
    P(id): P<u64>,
    CJson(req): CJson<UserPost>,
) -> ApiResult<Json<MessageView>> {
    let mut world = sim.world();
    let channel = world
        .channel(id)
        .map_err(|_| not_found("unknown channel"))?;
    if !world.can_view(channel, req.user_id) {
        return Err(ApiError::control(
            StatusCode::FORBIDDEN,
            format!("user {} cannot see channel {id}", req.user_id),
        ));
    }
    let body = crate::validate::message_body(&json!({ "content": req.content }), true)?;
    let message = world.post_message(id, req.user_id, body, crate::state::PostMeta::default())?;
    Ok(Json(world.message_view(&world.messages[&message])))
}

/// `GET /_sim/channels/{c}/members`: user ids of a thread's members (or a DM's recipient).
pub async fn channel_members(
    State(sim): State<SimState>,
    P(id): P<u64>,
) -> ApiResult<Json<Vec<String>>> {
    let world = sim.world();
    let channel = world
        .channels
        .get(&id)
        .ok_or_else(|| not_found("unknown channel"))?;
    Ok(Json(
        world
            .channel_view(channel)
            .members
            .iter()
            .map(u64::to_string)
            .collect(),
    ))
}

/// `PUT /_sim/channels/{thread}/members/{u}`: adds a user to a thread; 204.
pub async fn add_thread_member(
    State(sim): State<SimState>,
    P((id, user)): P<(u64, u64)>,
) -> ApiResult<StatusCode> {
    sim.world().join_thread(id, user)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /_sim/dm/{u}`: the DM channel between the bot and a user.
pub async fn open_dm(State(sim): State<SimState>, P(user): P<u64>) -> ApiResult<Json<ChannelView>> {
    let mut world = sim.world();
    let id = world.open_dm(user)?;
    Ok(Json(world.channel_view(world.channel(id)?)))
}
