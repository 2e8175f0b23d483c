//! Discord's REST API v10, as much of it as a tournament bot uses. Mounted under
//! `/api/v10` (serenity's `HttpBuilder::proxy` sends `{base}/api/v10/...`) and `/api`.

mod app;
mod channels;
mod guilds;
mod interactions;
mod messages;

use crate::error::ApiError;
use crate::sim::SimState;
use axum::Router;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::routing::{get, post, put};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The REST routes.
pub fn router() -> Router<SimState> {
    Router::new()
        .route("/gateway", get(app::gateway))
        .route("/gateway/bot", get(app::gateway_bot))
        .route("/users/@me", get(app::current_user))
        .route("/users/@me/channels", post(app::open_dm))
        .route("/users/{user}", get(app::get_user))
        .route("/oauth2/applications/@me", get(app::application))
        .route("/applications/@me", get(app::application))
        .route(
            "/applications/{app}/commands",
            put(app::overwrite_global)
                .get(app::list_global)
                .post(app::create_global),
        )
        .route(
            "/applications/{app}/guilds/{guild}/commands",
            put(app::overwrite_guild)
                .get(app::list_guild)
                .post(app::create_guild_command),
        )
        .route(
            "/channels/{channel}",
            get(channels::get_channel)
                .patch(channels::edit_channel)
                .delete(channels::delete_channel),
        )
        .route(
            "/channels/{channel}/messages",
            get(messages::list).post(messages::create),
        )
        .route(
            "/channels/{channel}/messages/{message}",
            get(messages::get_one)
                .patch(messages::edit)
                .delete(messages::delete),
        )
        .route("/channels/{channel}/threads", post(channels::create_thread))
        .route(
            "/channels/{channel}/thread-members",
            get(channels::list_thread_members),
        )
        .route(
            "/channels/{channel}/thread-members/{user}",
            get(channels::get_thread_member)
                .put(channels::add_thread_member)
                .delete(channels::remove_thread_member),
        )
        .route("/guilds/{guild}", get(guilds::get_guild))
        .route("/guilds/{guild}/channels", get(guilds::channels))
        .route("/guilds/{guild}/roles", get(guilds::roles))
        .route(
            "/guilds/{guild}/threads/active",
            get(guilds::active_threads),
        )
        .route("/guilds/{guild}/members", get(guilds::members))
        .route("/guilds/{guild}/members/{user}", get(guilds::member))
        .route(
            "/guilds/{guild}/members/{user}/roles/{role}",
            put(guilds::add_role).delete(guilds::remove_role),
        )
        .route(
            "/interactions/{id}/{token}/callback",
            post(interactions::callback),
        )
        .route("/webhooks/{app}/{token}", post(interactions::followup))
        .route(
            "/webhooks/{app}/{token}/messages/{message}",
            get(interactions::get_message)
                .patch(interactions::edit_message)
                .delete(interactions::delete_message),
        )
        .fallback(not_found)
}

async fn not_found() -> ApiError {
    ApiError::not_found()
}

/// Who is calling: the bot (`Bot <token>`) or a user (`Bearer <OAuth2 token>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// The bot.
    Bot,
    /// A user signed in through OAuth2.
    User(u64),
}

impl FromRequestParts<SimState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, sim: &SimState) -> Result<Self, ApiError> {
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        let world = sim.world();
        if let Some(token) = header.strip_prefix("Bot ") {
            if token == world.config.bot_token {
                return Ok(Self::Bot);
            }
        } else if let Some(token) = header.strip_prefix("Bearer ") {
            if let Some(user) = world.oauth.user_for_token(token) {
                return Ok(Self::User(user));
            }
        }
        Err(ApiError::unauthorized())
    }
}

/// A call that must come from the bot.
#[derive(Debug, Clone, Copy)]
pub struct BotAuth;

impl FromRequestParts<SimState> for BotAuth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, sim: &SimState) -> Result<Self, ApiError> {
        match Caller::from_request_parts(parts, sim).await? {
            Caller::Bot => Ok(Self),
            Caller::User(_) => Err(ApiError::unauthorized()),
        }
    }
}

/// Path parameters; a malformed id answers 404 like an unknown route.
#[derive(Debug)]
pub struct P<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<SimState> for P<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, sim: &SimState) -> Result<Self, ApiError> {
        let Path(value) = Path::<T>::from_request_parts(parts, sim)
            .await
            .map_err(|_| ApiError::not_found())?;
        Ok(Self(value))
    }
}

/// A JSON body (`null` when empty); bad JSON answers 400/50109.
#[derive(Debug)]
pub struct JsonBody(pub Value);

impl FromRequest<SimState> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, sim: &SimState) -> Result<Self, ApiError> {
        let multipart = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/"));
        if multipart {
            let msg = "discord-sim does not accept multipart bodies (file attachments)";
            return Err(ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                50035,
                msg,
            ));
        }
        let bytes = axum::body::Bytes::from_request(req, sim)
            .await
            .map_err(|_| ApiError::invalid_json())?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self(Value::Null));
        }
        serde_json::from_slice(&bytes)
            .map(Self)
            .map_err(|_| ApiError::invalid_json())
    }
}
