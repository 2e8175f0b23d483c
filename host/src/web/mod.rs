//! The host's own pages. Plugins add theirs through the plugin registry.

mod admin;
mod auth;
mod events;
mod manage;
mod results;
mod seed_files;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;

use hourglass_sdk::web::AppState;

use crate::config::Config;

pub use auth::DiscordOAuth;

/// Every host route (every URL the host itself answers is listed in these routers).
pub fn routes(config: &Config) -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health))
        .route("/static/style.css", get(stylesheet))
        .merge(auth::routes(config))
        .merge(events::routes())
        .merge(results::routes())
        .merge(admin::routes())
        .merge(manage::routes())
        .merge(seed_files::routes())
}

/// 200 when the database answers, 503 otherwise.
async fn health(State(state): State<AppState>) -> impl IntoResponse {
    match sqlx::query("SELECT 1").execute(&state.db).await {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::warn!(%error, "health check: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=300"),
        ],
        include_str!("../../static/style.css"),
    )
}
