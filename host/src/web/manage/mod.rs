//! Organizer pages of one event: its configuration, asyncs and teams, plus entering a solo
//! event alone. Everything here is for the event's organizers and the global admins, except
//! `/enter`, which any signed-in person may use on a solo event.
//!
//! One page (`/event/{series}/{event}/manage`) shows every section; each form posts to its own
//! address and, when something typed is wrong, that page comes back with the entered values
//! and a message per field (status 422) and nothing stored.

mod asyncs;
mod config;
mod enter;
pub(super) mod fields;
mod page;
mod seed_form;
pub(super) mod staff;
mod team_list;
mod teams;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::events::{Event, is_organizer};
use hourglass_sdk::web::{AppState, CurrentUser, PageContext, User, WebError};

use page::Forms;

/// The organizer routes and `/enter`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/event/{series}/{event}/manage", get(manage_page))
        .route("/event/{series}/{event}/manage/config", post(config::save))
        .route("/event/{series}/{event}/manage/async", post(asyncs::save))
        .route("/event/{series}/{event}/manage/teams", post(teams::add))
        .route(
            "/event/{series}/{event}/manage/teams/{team}/remove",
            post(teams::remove),
        )
        .route("/event/{series}/{event}/enter", post(enter::enter))
}

/// The event, once the user is known to be one of its organizers or a global admin.
async fn managed_event(
    state: &AppState,
    user: &User,
    series: &str,
    event: &str,
) -> Result<Event, WebError> {
    let event = Event::load(&state.db, series, event)
        .await?
        .ok_or(WebError::NotFound)?;
    let allowed = state.admins.contains(&user.id)
        || is_organizer(&state.db, &event.series, &event.event, user.id).await?;
    if !allowed {
        return Err(WebError::Forbidden(format!(
            "Only the organizers of {} can manage it. Ask one of them or a site admin to add you.",
            event.display_name
        )));
    }
    Ok(event)
}

/// What the page was asked to show besides the event itself.
#[derive(Deserialize)]
struct PageQuery {
    /// An async kind whose values fill the async form.
    edit: Option<String>,
    /// Which form was just saved (for a confirmation line).
    saved: Option<String>,
}

/// The confirmation shown after a successful POST; only fixed texts, never what was sent.
fn saved_notice(saved: Option<&str>) -> Option<&'static str> {
    Some(match saved? {
        "created" => "Event created. Set up its asyncs and teams below.",
        "config" => "Configuration saved.",
        "async" => "Async saved.",
        "team" => "Team added.",
        "removed" => "Team removed.",
        _ => return None,
    })
}

async fn manage_page(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    page: PageContext,
    Path((series, event)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Result<Response, WebError> {
    let event = managed_event(&state, &user, &series, &event).await?;
    let forms = Forms {
        edit: query.edit.as_deref().and_then(AsyncKind::parse),
        saved: saved_notice(query.saved.as_deref()),
        ..Forms::default()
    };
    let template = page::render(&state, &page, event, forms).await?;
    Ok((page.csrf, template).into_response())
}

/// Where to go after a form on the manage page was saved.
fn back_to_manage(event: &Event, saved: &str, anchor: &str) -> Response {
    axum::response::Redirect::to(&format!(
        "/event/{}/{}/manage?saved={saved}#{anchor}",
        event.series, event.event
    ))
    .into_response()
}

/// The manage page again with one form's entered values and messages.
async fn invalid_form(
    state: &AppState,
    page: PageContext,
    event: Event,
    forms: Forms,
) -> Result<Response, WebError> {
    let template = page::render(state, &page, event, forms).await?;
    Ok((
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        page.csrf,
        template,
    )
        .into_response())
}
