//! The list of events and each event's page with its standings under the event's formula.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};

use hourglass_sdk::events::{Event, Team};
use hourglass_sdk::web::{AppState, Chrome, PageContext, WebError};

use super::results::{PRIVATE, is_staff};
use crate::results::view::{AsyncView, StandingsView};
use crate::results::{EventReport, formula_explanation, formula_name};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(index))
        .route("/event/{series}/{event}", get(event_page))
}

#[derive(sqlx::FromRow)]
struct EventSummary {
    series: String,
    event: String,
    display_name: String,
    start: Option<DateTime<Utc>>,
    teams: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "index.html")]
struct IndexPage {
    chrome: Chrome,
    events: Vec<EventSummary>,
}

async fn index(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    let events = sqlx::query_as(
        "SELECT events.series, events.event, events.display_name, events.start, \
                count(teams.id) AS teams \
         FROM events LEFT JOIN teams ON teams.series = events.series AND teams.event = events.event \
         GROUP BY events.series, events.event ORDER BY events.start DESC NULLS LAST, events.series",
    )
    .fetch_all(&state.db)
    .await?;
    let template = IndexPage {
        chrome: page.chrome("Events")?,
        events,
    };
    Ok((page.csrf, template).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "event.html")]
struct EventPage {
    chrome: Chrome,
    event: Event,
    starts: Option<String>,
    moved: bool,
    my_team: Option<String>,
    can_manage: bool,
    can_enter_alone: bool,
    formula: &'static str,
    explanation: &'static str,
    standings: StandingsView,
    others: Vec<AsyncView>,
}

async fn event_page(
    State(state): State<AppState>,
    page: PageContext,
    Path((series, event)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let now = state.clock.now();
    let report = EventReport::load(&state.db, &series, &event, now)
        .await?
        .ok_or(WebError::NotFound)?;
    let can_manage = is_staff(&state, &page, &report.event).await?;
    let my_team = match &page.user {
        Some(user) => Team::of_user(&state.db, &series, &report.event.event, user.id)
            .await?
            .map(|team| team.name),
        None => None,
    };

    let access = report.access(can_manage);
    let standings = StandingsView::new(&report, access);
    let others = report
        .other_kinds()
        .into_iter()
        .map(|kind| AsyncView::summary(&report, kind, access))
        .collect();
    // Solo entry closes at the planned start, as `/enter` does; a moved start is for
    // teams that already entered.
    let not_started = report.event.start.is_none_or(|start| now < start);
    let event = &report.event;
    let template = EventPage {
        chrome: page.chrome(&event.display_name)?,
        can_enter_alone: event.is_solo() && page.user.is_some() && my_team.is_none() && not_started,
        starts: report
            .start
            .map(|start| start.format("%Y-%m-%d %H:%M UTC").to_string()),
        moved: report.start.is_some() && report.start != event.start,
        my_team,
        can_manage,
        formula: formula_name(report.settings.formula),
        explanation: formula_explanation(report.settings.formula, event.counts_pieces),
        standings,
        others,
        event: report.event.clone(),
    };
    Ok(([PRIVATE], page.csrf, template).into_response())
}
