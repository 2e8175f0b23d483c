//! A team's status page: each async of the event with what the team can do next.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::duration::format_duration;
use hourglass_sdk::events::{AsyncRow, Team, TeamAsync, interval_to_delta};
use hourglass_sdk::seed;
use hourglass_sdk::web::{AppState, Chrome, CurrentUser, PageContext, WebError, safe_link};

use crate::team_async::TeamView;

/// What the team sees for one async.
pub enum Step {
    /// Not open yet.
    Upcoming { opens: Option<String> },
    /// Open and not requested: offer "Request now".
    CanRequest { closes: Option<String> },
    /// Closed without a request.
    Closed,
    /// Requested, automated: the seed comes in the team's Discord thread.
    InThread { thread: Option<String> },
    /// Requested, web flow: the seed and the submit form.
    Playing { seed_html: String },
    /// Submitted: the result as recorded.
    Submitted {
        at: String,
        results: Vec<MemberResult>,
        note: Option<String>,
    },
}

pub struct MemberResult {
    pub name: String,
    pub time: String,
    pub vod_text: String,
    pub vod_link: Option<String>,
}

pub struct AsyncCard {
    pub kind: AsyncKind,
    pub step: Step,
}

#[derive(Template, WebTemplate)]
#[template(path = "status.html")]
struct StatusPage {
    chrome: Chrome,
    series: String,
    event: String,
    event_name: String,
    team: String,
    cards: Vec<AsyncCard>,
}

fn when(moment: Option<DateTime<Utc>>) -> Option<String> {
    moment.map(|moment| moment.format("%Y-%m-%d %H:%M UTC").to_string())
}

pub async fn status_page(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    page: PageContext,
    Path((series, event)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let view = TeamView::load(&state, &series, &event, &user).await?;
    let mut cards = Vec::new();
    for (row, progress) in &view.asyncs {
        let step = step_for(&state, &view, row, progress).await?;
        cards.push(AsyncCard {
            kind: row.kind,
            step,
        });
    }
    let template = StatusPage {
        chrome: page.chrome(format!("{} · status", view.event.display_name))?,
        series: view.event.series.clone(),
        event: view.event.event.clone(),
        event_name: view.event.display_name.clone(),
        team: view.team.name.clone(),
        cards,
    };
    Ok((page.csrf, template).into_response())
}

async fn step_for(
    state: &AppState,
    view: &TeamView,
    row: &AsyncRow,
    progress: &TeamAsync,
) -> Result<Step, WebError> {
    if let Some(submitted) = progress.submitted {
        let results = member_results(state, view, &view.team, row.kind).await?;
        return Ok(Step::Submitted {
            at: when(Some(submitted)).unwrap_or_default(),
            results,
            note: progress.fpa.clone(),
        });
    }
    if progress.requested.is_some() {
        if view.event.automated_asyncs {
            let thread = match (view.event.discord_guild, progress.discord_thread) {
                (Some(guild), Some(thread)) => {
                    Some(format!("https://discord.com/channels/{guild}/{thread}"))
                }
                _ => None,
            };
            return Ok(Step::InThread { thread });
        }
        let seed_html = match seed::view(&row.seed, &state.seeds) {
            Ok(seed) => seed.to_html(),
            Err(no_seed) => format!(
                "<p class=\"notice bad\">{}</p>",
                seed::escape_html(&no_seed.to_string())
            ),
        };
        return Ok(Step::Playing { seed_html });
    }
    if view.is_open(row) {
        let closes = row.closes_at(&view.event, view.event_start);
        return Ok(Step::CanRequest {
            closes: when(closes),
        });
    }
    if row.start.is_some_and(|start| view.now < start) {
        return Ok(Step::Upcoming {
            opens: when(row.start),
        });
    }
    Ok(Step::Closed)
}

#[derive(sqlx::FromRow)]
struct RecordedTime {
    display_name: String,
    time: Option<sqlx::postgres::types::PgInterval>,
    vod: Option<String>,
}

async fn member_results(
    state: &AppState,
    view: &TeamView,
    team: &Team,
    kind: AsyncKind,
) -> Result<Vec<MemberResult>, WebError> {
    let rows: Vec<RecordedTime> = sqlx::query_as(
        "SELECT users.display_name, async_players.time, async_players.vod \
         FROM team_members JOIN users ON users.id = team_members.member \
         LEFT JOIN async_players ON async_players.player = team_members.member \
              AND async_players.series = $2 AND async_players.event = $3 \
              AND async_players.kind = $4 \
         WHERE team_members.team = $1 ORDER BY users.display_name",
    )
    .bind(team.id)
    .bind(&view.event.series)
    .bind(&view.event.event)
    .bind(kind)
    .fetch_all(&state.db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let vod_text = row.vod.unwrap_or_default();
            MemberResult {
                name: row.display_name,
                time: row.time.map_or_else(
                    || "DNF".to_owned(),
                    |time| format_duration(interval_to_delta(&time)),
                ),
                vod_link: safe_link(&vod_text).map(|url| url.to_string()),
                vod_text,
            }
        })
        .collect())
}
