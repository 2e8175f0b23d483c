//! Global admin pages: create events and name their organizers.

use axum::Router;

use hourglass_sdk::web::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
