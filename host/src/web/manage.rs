//! Organizer pages of one event: its configuration, asyncs and teams.

use axum::Router;

use hourglass_sdk::web::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
