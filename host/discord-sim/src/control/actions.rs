//! Control routes that act as simulated users and read what the bot did.

use super::CJson;
use crate::error::{ApiError, ApiResult};
use crate::gateway::hub::SessionView;
use crate::rest::P;
use crate::sim::SimState;
use crate::types::{
    CallRecord, ClickRequest, CommandRequest, Dispatched, FaultSpec, InteractionView,
    ModalSubmitRequest,
};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

/// `GET /_sim/commands`: registered commands, as Discord returns them.
pub async fn commands(State(sim): State<SimState>) -> Json<Value> {
    let world = sim.world();
    Json(Value::Array(
        world
            .commands
            .iter()
            .map(|c| world.command_json(c))
            .collect(),
    ))
}

/// `POST /_sim/click` (ClickRequest): dispatches a component interaction.
pub async fn click(
    State(sim): State<SimState>,
    CJson(req): CJson<ClickRequest>,
) -> ApiResult<Json<Dispatched>> {
    sim.click(&req).map(Json)
}

/// `POST /_sim/command` (CommandRequest): dispatches a slash command.
pub async fn command(
    State(sim): State<SimState>,
    CJson(req): CJson<CommandRequest>,
) -> ApiResult<Json<Dispatched>> {
    sim.run_command(&req).map(Json)
}

/// `POST /_sim/autocomplete` (CommandRequest with `focused`): dispatches autocomplete.
pub async fn autocomplete(
    State(sim): State<SimState>,
    CJson(req): CJson<CommandRequest>,
) -> ApiResult<Json<Dispatched>> {
    sim.autocomplete(&req).map(Json)
}

/// `POST /_sim/modal` (ModalSubmitRequest): submits the modal the bot opened.
pub async fn modal(
    State(sim): State<SimState>,
    CJson(req): CJson<ModalSubmitRequest>,
) -> ApiResult<Json<Dispatched>> {
    sim.submit_modal(&req).map(Json)
}

/// `GET /_sim/interactions`: oldest first.
pub async fn interactions(State(sim): State<SimState>) -> Json<Vec<InteractionView>> {
    Json(sim.interactions())
}

/// `GET /_sim/interactions/{id}`.
pub async fn interaction(
    State(sim): State<SimState>,
    P(id): P<u64>,
) -> ApiResult<Json<InteractionView>> {
    let unknown = || ApiError::control(StatusCode::NOT_FOUND, format!("unknown interaction {id}"));
    sim.interaction(id).map(Json).ok_or_else(unknown)
}

/// `GET /_sim/interactions/{id}/payload`: the INTERACTION_CREATE `d` that was dispatched.
pub async fn interaction_payload(
    State(sim): State<SimState>,
    P(id): P<u64>,
) -> ApiResult<Json<Value>> {
    let world = sim.world();
    let rec = world.interactions.get(&id);
    let unknown = || ApiError::control(StatusCode::NOT_FOUND, format!("unknown interaction {id}"));
    rec.map(|r| Json(r.payload.clone())).ok_or_else(unknown)
}

/// `GET /_sim/calls`: REST calls received, oldest first.
pub async fn calls(State(sim): State<SimState>) -> Json<Vec<CallRecord>> {
    Json(sim.calls())
}

/// `DELETE /_sim/calls`: forget the call log; 204.
pub async fn clear_calls(State(sim): State<SimState>) -> StatusCode {
    sim.world().calls.clear();
    StatusCode::NO_CONTENT
}

/// `GET /_sim/faults`: armed faults with how often each still fires.
pub async fn faults(State(sim): State<SimState>) -> Json<Vec<FaultSpec>> {
    Json(
        sim.world()
            .faults
            .iter()
            .map(crate::faults::ActiveFault::pending)
            .collect(),
    )
}

/// `POST /_sim/faults` (FaultSpec or a list of them): arms faults; 204.
pub async fn add_fault(
    State(sim): State<SimState>,
    CJson(body): CJson<Value>,
) -> ApiResult<StatusCode> {
    let specs: Vec<FaultSpec> = match body {
        Value::Array(_) => serde_json::from_value(body),
        single => serde_json::from_value(single).map(|s| vec![s]),
    }
    .map_err(|e| ApiError::control(StatusCode::BAD_REQUEST, format!("bad fault: {e}")))?;
    for spec in specs {
        sim.add_fault(spec)?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /_sim/faults`: disarms all; 204.
pub async fn clear_faults(State(sim): State<SimState>) -> StatusCode {
    sim.clear_faults();
    StatusCode::NO_CONTENT
}

/// `GET /_sim/gateway`: gateway sessions.
pub async fn gateway(State(sim): State<SimState>) -> Json<Vec<SessionView>> {
    Json(sim.world().gateway.views())
}

/// Body of `POST /_sim/gateway/disconnect`.
#[derive(Debug, Deserialize)]
pub struct DisconnectBody {
    /// Close code (default 4000, after which clients resume).
    #[serde(default = "default_code")]
    code: u16,
    /// Forget the sessions too, so a RESUME gets op 9 (invalid session).
    #[serde(default)]
    invalidate: bool,
}

fn default_code() -> u16 {
    4000
}

/// `POST /_sim/gateway/disconnect` `{code, invalidate}`: closes gateway sockets.
pub async fn disconnect(
    State(sim): State<SimState>,
    CJson(body): CJson<DisconnectBody>,
) -> Json<Value> {
    let closed = sim
        .world()
        .gateway
        .disconnect_all(body.code, body.invalidate);
    Json(json!({ "closed": closed }))
}
