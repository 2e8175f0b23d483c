//! Interaction callbacks and the interaction webhooks (original response, follow-ups).
//! These routes authenticate by the token in the path, as on Discord.

use super::{JsonBody, P};
use crate::error::{ApiError, ApiResult};
use crate::sim::SimState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::Value;

/// `POST /interactions/{id}/{token}/callback`: 204; a second initial response → 400/40060;
/// unknown interaction or after the deadline → 404/10062.
pub async fn callback(
    State(sim): State<SimState>,
    P((id, token)): P<(u64, String)>,
    JsonBody(body): JsonBody,
) -> ApiResult<StatusCode> {
    sim.world().respond(id, &token, &body)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /webhooks/{app}/{token}`: a follow-up message (returned).
pub async fn followup(
    State(sim): State<SimState>,
    P((app, token)): P<(u64, String)>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    sim.world().followup(app, &token, &body).map(Json)
}

fn message_param(message: &str) -> ApiResult<Option<u64>> {
    if message == "@original" {
        return Ok(None);
    }
    message
        .parse()
        .map(Some)
        .map_err(|_| ApiError::unknown_message())
}

/// `GET /webhooks/{app}/{token}/messages/{@original|id}`.
pub async fn get_message(
    State(sim): State<SimState>,
    P((app, token, message)): P<(u64, String, String)>,
) -> ApiResult<Json<Value>> {
    let world = sim.world();
    let id = world.webhook_message(app, &token, message_param(&message)?)?;
    let message = world
        .messages
        .get(&id)
        .ok_or_else(ApiError::unknown_message)?;
    Ok(Json(world.message_json(message)))
}

/// `PATCH /webhooks/{app}/{token}/messages/{@original|id}`: edits and returns the message.
pub async fn edit_message(
    State(sim): State<SimState>,
    P((app, token, message)): P<(u64, String, String)>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    let message = message_param(&message)?;
    sim.world()
        .edit_webhook_message(app, &token, message, &body)
        .map(Json)
}

/// `DELETE /webhooks/{app}/{token}/messages/{@original|id}`: 204.
pub async fn delete_message(
    State(sim): State<SimState>,
    P((app, token, message)): P<(u64, String, String)>,
) -> ApiResult<StatusCode> {
    let message = message_param(&message)?;
    sim.world().delete_webhook_message(app, &token, message)?;
    Ok(StatusCode::NO_CONTENT)
}
