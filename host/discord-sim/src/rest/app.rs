//! Gateway discovery, users, the application, and application commands.

use super::{BotAuth, Caller, JsonBody, P};
use crate::error::{ApiError, ApiResult};
use crate::sim::SimState;
use crate::state::render;
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use serde_json::{Value, json};

fn ws_url(sim: &SimState, headers: &HeaderMap) -> String {
    // Answer with the host the caller used, so a simulator bound to 0.0.0.0 still works.
    match headers.get("host").and_then(|h| h.to_str().ok()) {
        Some(host) => format!("ws://{host}/gateway"),
        None => sim.gateway_url(),
    }
}

/// `GET /gateway` (what serenity's `Client` asks): `{url}`.
pub async fn gateway(State(sim): State<SimState>, headers: HeaderMap) -> Json<Value> {
    Json(json!({ "url": ws_url(&sim, &headers) }))
}

/// `GET /gateway/bot`: url, shards, session start limit.
pub async fn gateway_bot(
    _: BotAuth,
    State(sim): State<SimState>,
    headers: HeaderMap,
) -> Json<Value> {
    Json(json!({
        "url": ws_url(&sim, &headers),
        "shards": 1,
        "session_start_limit": {
            "total": 1000, "remaining": 999, "reset_after": 86_400_000, "max_concurrency": 1,
        },
    }))
}

/// `GET /users/@me`: the bot for a bot token, the signed-in user for a bearer token.
pub async fn current_user(caller: Caller, State(sim): State<SimState>) -> ApiResult<Json<Value>> {
    let world = sim.world();
    let id = match caller {
        Caller::Bot => world.bot_id(),
        Caller::User(id) => id,
    };
    Ok(Json(render::current_user(world.user(id)?)))
}

/// `GET /users/{id}`.
pub async fn get_user(
    _: BotAuth,
    State(sim): State<SimState>,
    P(user): P<String>,
) -> ApiResult<Json<Value>> {
    let world = sim.world();
    let id = if user == "@me" {
        world.bot_id()
    } else {
        user.parse().map_err(|_| ApiError::unknown_user())?
    };
    Ok(Json(render::user(world.user(id)?)))
}

/// `POST /users/@me/channels` `{recipient_id}`: the DM channel with a user.
pub async fn open_dm(
    _: BotAuth,
    State(sim): State<SimState>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    let recipient = body["recipient_id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .or_else(|| body["recipient_id"].as_u64());
    let recipient = recipient.ok_or_else(|| {
        ApiError::field(
            "recipient_id",
            "BASE_TYPE_REQUIRED",
            "This field is required",
        )
    })?;
    let mut world = sim.world();
    let id = world.open_dm(recipient)?;
    Ok(Json(world.channel_json(world.channel(id)?)))
}

/// `GET /oauth2/applications/@me`: the application (poise asks it for the owners).
pub async fn application(_: BotAuth, State(sim): State<SimState>) -> Json<Value> {
    let world = sim.world();
    let bot = world.users.get(&world.bot_id()).map(render::user);
    let owner = world
        .guilds
        .values()
        .next()
        .and_then(|g| world.users.get(&g.owner_id))
        .map(render::user);
    Json(json!({
        "id": world.config.application_id.to_string(),
        "name": world.config.bot_name,
        "icon": null,
        "description": "",
        "bot_public": false,
        "bot_require_code_grant": false,
        "owner": owner.clone().or(bot.clone()),
        "verify_key": "0".repeat(64),
        "team": null,
        "flags": world.config.application_flags,
        "bot": bot,
        "redirect_uris": [],
        "interactions_endpoint_url": null,
        "approximate_guild_count": world.guilds.len(),
    }))
}

fn check_app(sim: &SimState, app: u64) -> ApiResult<()> {
    if app == sim.world().config.application_id {
        Ok(())
    } else {
        Err(ApiError::missing_access())
    }
}

/// `PUT /applications/{app}/commands`: bulk overwrite of global commands.
pub async fn overwrite_global(
    _: BotAuth,
    State(sim): State<SimState>,
    P(app): P<u64>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    check_app(&sim, app)?;
    Ok(Json(Value::Array(
        sim.world().overwrite_commands(None, &body)?,
    )))
}

/// `PUT /applications/{app}/guilds/{guild}/commands`: bulk overwrite of guild commands.
pub async fn overwrite_guild(
    _: BotAuth,
    State(sim): State<SimState>,
    P((app, guild)): P<(u64, u64)>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    check_app(&sim, app)?;
    let mut world = sim.world();
    world.guild(guild)?;
    Ok(Json(Value::Array(
        world.overwrite_commands(Some(guild), &body)?,
    )))
}

fn list(sim: &SimState, guild: Option<u64>) -> Json<Value> {
    let world = sim.world();
    let commands = world
        .commands
        .iter()
        .filter(|c| c.guild_id == guild)
        .map(|c| world.command_json(c));
    Json(Value::Array(commands.collect()))
}

/// `GET /applications/{app}/commands`.
pub async fn list_global(
    _: BotAuth,
    State(sim): State<SimState>,
    P(app): P<u64>,
) -> ApiResult<Json<Value>> {
    check_app(&sim, app)?;
    Ok(list(&sim, None))
}

/// `GET /applications/{app}/guilds/{guild}/commands`.
pub async fn list_guild(
    _: BotAuth,
    State(sim): State<SimState>,
    P((app, guild)): P<(u64, u64)>,
) -> ApiResult<Json<Value>> {
    check_app(&sim, app)?;
    Ok(list(&sim, Some(guild)))
}

fn upsert(sim: &SimState, guild: Option<u64>, body: &Value) -> ApiResult<Json<Value>> {
    let mut world = sim.world();
    let name = body["name"].as_str().unwrap_or_default();
    let mut all: Vec<Value> = world
        .commands
        .iter()
        .filter(|c| c.guild_id == guild && c.name() != name)
        .map(|c| c.body.clone())
        .collect();
    all.push(body.clone());
    let registered = world.overwrite_commands(guild, &Value::Array(all))?;
    let mine = registered
        .into_iter()
        .find(|c| c["name"].as_str() == Some(name));
    mine.map(Json).ok_or_else(ApiError::unknown_command)
}

/// `POST /applications/{app}/commands`: create or replace one global command.
pub async fn create_global(
    _: BotAuth,
    State(sim): State<SimState>,
    P(app): P<u64>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    check_app(&sim, app)?;
    upsert(&sim, None, &body)
}

/// `POST /applications/{app}/guilds/{guild}/commands`: create or replace one guild command.
pub async fn create_guild_command(
    _: BotAuth,
    State(sim): State<SimState>,
    P((app, guild)): P<(u64, u64)>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    check_app(&sim, app)?;
    sim.world().guild(guild)?;
    upsert(&sim, Some(guild), &body)
}
