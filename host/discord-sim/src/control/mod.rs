//! The control API under `/_sim/`: build the world, act as simulated users, read what the
//! bot did, arm faults. JSON in and out; errors are `{"code": 0, "message": "..."}`.

mod actions;
mod world;

use crate::error::ApiError;
use crate::sim::SimState;
use axum::Router;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use serde::de::DeserializeOwned;

/// The control routes (mounted under `/_sim`).
pub fn router() -> Router<SimState> {
    Router::new()
        .route("/state", get(world::state))
        .route("/seed", post(world::seed))
        .route("/reset", post(world::reset))
        .route("/users", get(world::users).post(world::create_user))
        .route("/guilds", post(world::create_guild))
        .route("/guilds/{guild}/channels", post(world::create_channel))
        .route("/guilds/{guild}/roles", post(world::create_role))
        .route("/guilds/{guild}/members", get(world::members))
        .route(
            "/guilds/{guild}/members/{user}",
            get(world::member).put(world::add_member),
        )
        .route(
            "/guilds/{guild}/members/{user}/roles/{role}",
            put(world::give_role).delete(world::take_role),
        )
        .route("/channels", get(world::channels))
        .route("/channels/{channel}", get(world::channel))
        .route(
            "/channels/{channel}/messages",
            get(world::messages).post(world::post_message),
        )
        .route("/channels/{channel}/members", get(world::channel_members))
        .route(
            "/channels/{channel}/members/{user}",
            put(world::add_thread_member),
        )
        .route("/dm/{user}", post(world::open_dm))
        .route("/commands", get(actions::commands))
        .route("/click", post(actions::click))
        .route("/command", post(actions::command))
        .route("/autocomplete", post(actions::autocomplete))
        .route("/modal", post(actions::modal))
        .route("/interactions", get(actions::interactions))
        .route("/interactions/{id}", get(actions::interaction))
        .route(
            "/interactions/{id}/payload",
            get(actions::interaction_payload),
        )
        .route("/calls", get(actions::calls).delete(actions::clear_calls))
        .route(
            "/faults",
            get(actions::faults)
                .post(actions::add_fault)
                .delete(actions::clear_faults),
        )
        .route("/gateway", get(actions::gateway))
        .route("/gateway/disconnect", post(actions::disconnect))
}

/// A JSON body for the control API; errors say what is wrong with it.
#[derive(Debug)]
pub struct CJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<SimState> for CJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, sim: &SimState) -> Result<Self, ApiError> {
        let bytes = axum::body::Bytes::from_request(req, sim)
            .await
            .map_err(|e| ApiError::control(StatusCode::BAD_REQUEST, e.body_text()))?;
        let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            &bytes
        };
        serde_json::from_slice(bytes)
            .map(Self)
            .map_err(|e| ApiError::control(StatusCode::BAD_REQUEST, format!("bad JSON body: {e}")))
    }
}
