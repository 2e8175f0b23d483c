//! Global admin pages: create events and name their organizers.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use hourglass_sdk::events::Event;
use hourglass_sdk::web::{AppState, Chrome, CsrfForm, CurrentUser, PageContext, User, WebError};

use super::manage::fields::{FieldErrors, show_time};
use super::manage::staff::{self, CreateInput, OrganizerInput};

/// The admin page and its forms.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(admin_page))
        .route("/admin/events", post(create_event))
        .route(
            "/admin/event/{series}/{event}/organizers",
            post(add_organizer),
        )
        .route(
            "/admin/event/{series}/{event}/organizers/remove",
            post(remove_organizer),
        )
}

fn require_admin(state: &AppState, user: &User) -> Result<(), WebError> {
    if state.admins.contains(&user.id) {
        Ok(())
    } else {
        Err(WebError::Forbidden(
            "Only the site's admins can open the admin pages.".into(),
        ))
    }
}

/// An event's organizer as listed.
pub struct OrganizerLine {
    id: i64,
    name: String,
}

/// One event in the list, with its organizers and its "Add organizer" form.
pub struct EventLine {
    series: String,
    event: String,
    display_name: String,
    start: String,
    organizers: Vec<OrganizerLine>,
    organizer_input: String,
    organizer_error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin_events.html")]
struct AdminPage {
    chrome: Chrome,
    saved: Option<&'static str>,
    events: Vec<EventLine>,
    create: CreateInput,
    create_errors: FieldErrors,
}

/// What the page shows besides the stored events: a form again with what was typed, or a
/// confirmation.
#[derive(Default)]
struct Shown {
    create: Option<(CreateInput, FieldErrors)>,
    /// A refused "Add organizer": the event's (series, event), the typed id, the message.
    organizer: Option<((String, String), String, String)>,
    saved: Option<&'static str>,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    series: String,
    event: String,
    display_name: String,
    start: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct OrganizerRow {
    series: String,
    event: String,
    id: i64,
    display_name: String,
}

async fn render(state: &AppState, page: &PageContext, shown: Shown) -> Result<AdminPage, WebError> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT series, event, display_name, start FROM events \
         ORDER BY start DESC NULLS FIRST, series, event",
    )
    .fetch_all(&state.db)
    .await?;
    let organizers: Vec<OrganizerRow> = sqlx::query_as(
        "SELECT organizers.series, organizers.event, users.id, users.display_name \
         FROM organizers JOIN users ON users.id = organizers.organizer \
         ORDER BY users.display_name, users.id",
    )
    .fetch_all(&state.db)
    .await?;
    let events = rows
        .into_iter()
        .map(|row| {
            let key = (row.series.clone(), row.event.clone());
            let refused = shown.organizer.as_ref().filter(|(event, ..)| *event == key);
            EventLine {
                organizers: organizers
                    .iter()
                    .filter(|organizer| organizer.series == key.0 && organizer.event == key.1)
                    .map(|organizer| OrganizerLine {
                        id: organizer.id,
                        name: organizer.display_name.clone(),
                    })
                    .collect(),
                organizer_input: refused
                    .map(|(_, typed, _)| typed.clone())
                    .unwrap_or_default(),
                organizer_error: refused.map(|(.., message)| message.clone()),
                start: show_time(row.start),
                series: row.series,
                event: row.event,
                display_name: row.display_name,
            }
        })
        .collect();
    let (create, create_errors) = shown.create.unwrap_or_default();
    let chrome = page.chrome("Admin")?;
    Ok(AdminPage {
        chrome,
        saved: shown.saved,
        events,
        create,
        create_errors,
    })
}

#[derive(Deserialize)]
struct AdminQuery {
    saved: Option<String>,
}

async fn admin_page(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    page: PageContext,
    Query(query): Query<AdminQuery>,
) -> Result<Response, WebError> {
    require_admin(&state, &user)?;
    // Only fixed texts: the query is never echoed.
    let saved = match query.saved.as_deref() {
        Some("organizer") => Some("Organizer added."),
        Some("removed") => Some("Organizer removed."),
        _ => None,
    };
    let template = render(
        &state,
        &page,
        Shown {
            saved,
            ..Shown::default()
        },
    )
    .await?;
    Ok((page.csrf, template).into_response())
}

/// The page again with a refused form (422), nothing stored.
async fn shown_again(
    state: &AppState,
    page: PageContext,
    shown: Shown,
) -> Result<Response, WebError> {
    let template = render(state, &page, shown).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page.csrf, template).into_response())
}

async fn create_event(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    page: PageContext,
    CsrfForm(input): CsrfForm<CreateInput>,
) -> Result<Response, WebError> {
    require_admin(&state, &user)?;
    match staff::create_event(&state.db, &input).await? {
        Ok((series, event)) => {
            tracing::info!(
                event.series = %series, event.event = %event, user.id = user.id, "event created"
            );
            let manage = format!("/event/{series}/{event}/manage?saved=created");
            Ok(Redirect::to(&manage).into_response())
        }
        Err(errors) => {
            let shown = Shown {
                create: Some((input, errors)),
                ..Shown::default()
            };
            shown_again(&state, page, shown).await
        }
    }
}

async fn add_organizer(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    page: PageContext,
    Path((series, event)): Path<(String, String)>,
    CsrfForm(input): CsrfForm<OrganizerInput>,
) -> Result<Response, WebError> {
    require_admin(&state, &user)?;
    let event = Event::load(&state.db, &series, &event)
        .await?
        .ok_or(WebError::NotFound)?;
    match staff::add_organizer(&state.db, &event, &input.organizer).await? {
        None => {
            tracing::info!(
                event.series = %event.series, event.event = %event.event, user.id = user.id,
                organizer = %input.organizer.trim(), "organizer added"
            );
            // The event's stored ids, never the raw path, go into the address.
            let back = format!(
                "/admin?saved=organizer#event-{}-{}",
                event.series, event.event
            );
            Ok(Redirect::to(&back).into_response())
        }
        Some(message) => {
            let organizer = Some(((event.series, event.event), input.organizer, message));
            shown_again(
                &state,
                page,
                Shown {
                    organizer,
                    ..Shown::default()
                },
            )
            .await
        }
    }
}

async fn remove_organizer(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((series, event)): Path<(String, String)>,
    CsrfForm(input): CsrfForm<OrganizerInput>,
) -> Result<Redirect, WebError> {
    require_admin(&state, &user)?;
    let event = Event::load(&state.db, &series, &event)
        .await?
        .ok_or(WebError::NotFound)?;
    staff::remove_organizer(&state.db, &event, &input.organizer).await?;
    tracing::info!(
        event.series = %event.series, event.event = %event.event, user.id = user.id,
        organizer = %input.organizer.trim(), "organizer removed"
    );
    Ok(Redirect::to(&format!(
        "/admin?saved=removed#event-{}-{}",
        event.series, event.event
    )))
}
