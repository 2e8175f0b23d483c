//! One async's results page with its chart, and the exports next to the event page:
//! `standings.csv`, `standings.json`, `results/{kind}.json` and `results/{kind}.svg`.
//! Every one of them obeys the event's hidden-score rule for the person asking.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::events::{Event, is_organizer};
use hourglass_sdk::web::{AppState, Chrome, PageContext, WebError};

use crate::results::chart::Chart;
use crate::results::csv::standings_csv;
use crate::results::export::{results_export, standings_export};
use crate::results::view::AsyncView;
use crate::results::{EventReport, formula_name, runners};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/event/{series}/{event}/standings.csv",
            get(standings_as_csv),
        )
        .route(
            "/event/{series}/{event}/standings.json",
            get(standings_as_json),
        )
        .route("/event/{series}/{event}/results/{kind}", get(async_results))
}

/// Whether the signed-in person organizes this event (or is a global admin).
pub(super) async fn is_staff(
    state: &AppState,
    page: &PageContext,
    event: &Event,
) -> Result<bool, WebError> {
    Ok(match &page.user {
        Some(user) => {
            page.is_admin || is_organizer(&state.db, &event.series, &event.event, user.id).await?
        }
        None => false,
    })
}

/// The report and what this reader may see of it.
async fn load(
    state: &AppState,
    page: &PageContext,
    series: &str,
    event: &str,
) -> Result<(EventReport, crate::results::Access), WebError> {
    let report = EventReport::load(&state.db, series, event, state.clock.now())
        .await?
        .ok_or(WebError::NotFound)?;
    let staff = is_staff(state, page, &report.event).await?;
    let access = report.access(staff);
    Ok((report, access))
}

/// Results differ by reader (hidden scores), so no shared cache may keep them.
pub(super) const PRIVATE: (header::HeaderName, &str) = (header::CACHE_CONTROL, "private, no-cache");

async fn standings_as_json(
    State(state): State<AppState>,
    page: PageContext,
    Path((series, event)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (report, access) = load(&state, &page, &series, &event).await?;
    let export = standings_export(&report, access);
    Ok(([PRIVATE], axum::Json(export)).into_response())
}

async fn standings_as_csv(
    State(state): State<AppState>,
    page: PageContext,
    Path((series, event)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (report, access) = load(&state, &page, &series, &event).await?;
    let csv = standings_csv(&standings_export(&report, access), access);
    let filename = format!(
        "attachment; filename=\"{}-{}-standings.csv\"",
        file_safe(&report.event.series),
        file_safe(&report.event.event)
    );
    Ok((
        [
            PRIVATE,
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, filename.as_str()),
        ],
        csv,
    )
        .into_response())
}

fn file_safe(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "results.html")]
struct ResultsPage {
    chrome: Chrome,
    event: Event,
    formula: &'static str,
    results: AsyncView,
}

#[derive(Template)]
#[template(path = "results_chart.svg")]
struct ChartSvg<'a> {
    chart: &'a Chart,
}

/// `results/{kind}` (the page), `results/{kind}.json` or `results/{kind}.svg` (the chart).
async fn async_results(
    State(state): State<AppState>,
    page: PageContext,
    Path((series, event, kind)): Path<(String, String, String)>,
) -> Result<Response, WebError> {
    let (name, format) = match kind.rsplit_once('.') {
        Some((name, format @ ("json" | "svg"))) => (name, format),
        _ => (kind.as_str(), "html"),
    };
    let kind = AsyncKind::parse(name).ok_or(WebError::NotFound)?;
    let (report, access) = load(&state, &page, &series, &event).await?;
    if !report.has_async(kind) {
        return Err(WebError::NotFound);
    }
    let runners = runners(&state.db, &report, kind).await?;
    let export = results_export(&report, kind, &runners, access);
    if format == "json" {
        return Ok(([PRIVATE], axum::Json(export)).into_response());
    }

    let results = AsyncView::new(&report, &export, access);
    if format == "svg" {
        let chart = results.chart.as_ref().ok_or(WebError::NotFound)?;
        let svg = ChartSvg { chart }.render()?;
        return Ok((
            [
                PRIVATE,
                (header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"),
            ],
            svg,
        )
            .into_response());
    }
    let template = ResultsPage {
        chrome: page.chrome(format!(
            "{} results · {}",
            kind.label(),
            report.event.display_name
        ))?,
        formula: formula_name(export.formula),
        event: report.event,
        results,
    };
    Ok(([PRIVATE], page.csrf, template).into_response())
}
