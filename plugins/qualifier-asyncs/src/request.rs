//! Requesting an async: a confirmation step, then `async_teams.requested = now`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::web::{AppState, Chrome, CsrfForm, CurrentUser, PageContext, WebError};

use crate::team_async::TeamView;

#[derive(Template, WebTemplate)]
#[template(path = "request.html")]
struct ConfirmPage {
    chrome: Chrome,
    series: String,
    event: String,
    kind: AsyncKind,
    team: String,
    automated: bool,
}

fn parse_kind(kind: &str) -> Result<AsyncKind, WebError> {
    AsyncKind::parse(kind).ok_or(WebError::NotFound)
}

/// Checks that the team may request this async now.
fn check_requestable(view: &TeamView, kind: AsyncKind) -> Result<(), WebError> {
    let (row, progress) = view.find(kind).ok_or(WebError::NotFound)?;
    if progress.requested.is_some() {
        return Err(WebError::Refused(format!(
            "Your team has already requested the {kind}. Its seed is on your status page."
        )));
    }
    if !view.is_open(row) {
        return Err(WebError::Refused(format!(
            "The {kind} is not open for requests now."
        )));
    }
    Ok(())
}

pub async fn confirm_page(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    page: PageContext,
    Path((series, event, kind)): Path<(String, String, String)>,
) -> Result<Response, WebError> {
    let kind = parse_kind(&kind)?;
    let view = TeamView::load(&state, &series, &event, &user).await?;
    check_requestable(&view, kind)?;
    let template = ConfirmPage {
        chrome: page.chrome(format!("Request the {kind}"))?,
        series: view.event.series.clone(),
        event: view.event.event.clone(),
        kind,
        team: view.team.name.clone(),
        automated: view.event.automated_asyncs,
    };
    Ok((page.csrf, template).into_response())
}

#[derive(Deserialize)]
pub struct RequestForm {
    confirm: Option<String>,
}

pub async fn request_seed(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((series, event, kind)): Path<(String, String, String)>,
    CsrfForm(form): CsrfForm<RequestForm>,
) -> Result<Redirect, WebError> {
    let kind = parse_kind(&kind)?;
    let view = TeamView::load(&state, &series, &event, &user).await?;
    check_requestable(&view, kind)?;
    if form.confirm.is_none() {
        return Err(WebError::Refused(
            "Tick the box to confirm that your team is ready, then request again.".into(),
        ));
    }

    // The primary key (team, kind) makes a second request, even a simultaneous one, a no-op.
    let inserted = sqlx::query(
        "INSERT INTO async_teams (team, kind, requested) VALUES ($1, $2, $3) \
         ON CONFLICT (team, kind) DO NOTHING",
    )
    .bind(view.team.id)
    .bind(kind)
    .bind(state.clock.now())
    .execute(&state.db)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(WebError::Refused(format!(
            "Your team has already requested the {kind}."
        )));
    }
    tracing::info!(
        event.series = %view.event.series, event.event = %view.event.event,
        team.id = view.team.id, async.kind = kind.as_str(), "async requested"
    );
    Ok(Redirect::to(&format!(
        "/event/{}/{}/status#{}",
        view.event.series,
        view.event.event,
        kind.as_str()
    )))
}
