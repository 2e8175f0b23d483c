//! The list of events and each event's page with its standings.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};

use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::duration::format_duration;
use hourglass_sdk::events::{AsyncRow, Event, Team, effective_start, is_organizer};
use hourglass_sdk::standings::{Outcome, time_standings};
use hourglass_sdk::web::{AppState, Chrome, PageContext, WebError};

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

/// One line of a standings table as shown.
struct StandingLine {
    placement: String,
    team: String,
    result: String,
    status: &'static str,
    pieces: Option<i16>,
}

struct StandingsTable {
    kind: AsyncKind,
    lines: Vec<StandingLine>,
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
    tables: Vec<StandingsTable>,
}

async fn event_page(
    State(state): State<AppState>,
    page: PageContext,
    Path((series, event)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let event = Event::load(&state.db, &series, &event)
        .await?
        .ok_or(WebError::NotFound)?;
    let asyncs = AsyncRow::for_event(&state.db, &series, &event.event).await?;
    let start = effective_start(&state.db, &event, &asyncs).await?;

    let mut tables = Vec::new();
    for row in &asyncs {
        let standings = time_standings(
            &state.db,
            &series,
            &event.event,
            row.kind,
            event.counts_pieces,
        )
        .await?;
        let lines = standings
            .into_iter()
            .map(|standing| {
                let (result, status) = match standing.outcome {
                    Outcome::Finished(time) => (format_duration(time), "finished"),
                    Outcome::Dnf => ("DNF".to_owned(), "dnf"),
                    Outcome::NotSubmitted => ("not submitted".to_owned(), "pending"),
                };
                StandingLine {
                    placement: standing
                        .placement
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                    team: standing.team_name,
                    result,
                    status,
                    pieces: standing.pieces,
                }
            })
            .collect();
        tables.push(StandingsTable {
            kind: row.kind,
            lines,
        });
    }

    let (my_team, can_manage) = match &page.user {
        Some(user) => (
            Team::of_user(&state.db, &series, &event.event, user.id)
                .await?
                .map(|team| team.name),
            page.is_admin || is_organizer(&state.db, &series, &event.event, user.id).await?,
        ),
        None => (None, false),
    };
    let now = state.clock.now();
    let not_started = start.is_none_or(|start| now < start);
    let template = EventPage {
        chrome: page.chrome(&event.display_name)?,
        can_enter_alone: event.is_solo() && page.user.is_some() && my_team.is_none() && not_started,
        starts: start.map(|start| start.format("%Y-%m-%d %H:%M UTC").to_string()),
        moved: start.is_some() && start != event.start,
        my_team,
        can_manage,
        tables,
        event,
    };
    Ok((page.csrf, template).into_response())
}
