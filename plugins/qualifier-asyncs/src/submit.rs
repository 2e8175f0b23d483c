//! Submitting a result through the web form (events without automated asyncs): a time per
//! member (blank = did not finish), a VOD link per member, an FPA note, and Triforce Blitz
//! pieces where the event counts them. Invalid input shows the form again with what was
//! typed and a message per field; nothing is stored until everything is valid.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::TimeDelta;
use serde::Deserialize;

use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::duration::parse_duration;
use hourglass_sdk::events::Member;
use hourglass_sdk::web::{
    AppState, Chrome, CsrfForm, CurrentUser, PageContext, WebError, normalize_link,
};

use crate::team_async::TeamView;

const MAX_NOTE: usize = 2000;

/// One member's row of the form, with what was typed and what is wrong with it.
pub struct MemberField {
    pub id: i64,
    pub name: String,
    pub time: String,
    pub vod: String,
    pub time_error: Option<String>,
    pub vod_error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "submit.html")]
struct SubmitPage {
    chrome: Chrome,
    series: String,
    event: String,
    kind: AsyncKind,
    team: String,
    members: Vec<MemberField>,
    counts_pieces: bool,
    pieces: String,
    pieces_error: Option<String>,
    fpa: String,
    fpa_error: Option<String>,
}

#[derive(Deserialize)]
pub struct KindQuery {
    kind: Option<String>,
}

/// The async this team may submit now, or why not.
fn submittable(view: &TeamView, kind: Option<&str>) -> Result<AsyncKind, WebError> {
    if view.event.automated_asyncs {
        return Err(WebError::Refused(
            "This event runs its asyncs in Discord threads: staff record your time from your \
             VOD there."
                .into(),
        ));
    }
    let kind = match kind {
        Some(kind) => AsyncKind::parse(kind).ok_or(WebError::NotFound)?,
        None => view.active().map(|(row, _)| row.kind).ok_or_else(|| {
            WebError::Refused("Your team has no async waiting for a result.".into())
        })?,
    };
    let (_, progress) = view.find(kind).ok_or(WebError::NotFound)?;
    if progress.submitted.is_some() {
        return Err(WebError::Refused(format!(
            "Your team has already submitted the {kind}. Corrections go through the event staff."
        )));
    }
    if progress.requested.is_none() {
        return Err(WebError::Refused(format!(
            "Request the {kind} on your status page before submitting a result."
        )));
    }
    Ok(kind)
}

pub async fn submit_page(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    page: PageContext,
    Path((series, event)): Path<(String, String)>,
    Query(query): Query<KindQuery>,
) -> Result<Response, WebError> {
    let view = TeamView::load(&state, &series, &event, &user).await?;
    let kind = submittable(&view, query.kind.as_deref())?;
    let members = view.team.members(&state.db).await?;
    let members = members.into_iter().map(blank_field).collect();
    let form = SubmitPage::new(&page, &view, kind, members)?;
    Ok((page.csrf, form).into_response())
}

impl SubmitPage {
    /// The form for this team's async, with nothing typed yet.
    fn new(
        page: &PageContext,
        view: &TeamView,
        kind: AsyncKind,
        members: Vec<MemberField>,
    ) -> Result<Self, WebError> {
        Ok(Self {
            chrome: page.chrome(format!("Submit the {kind}"))?,
            series: view.event.series.clone(),
            event: view.event.event.clone(),
            kind,
            team: view.team.name.clone(),
            members,
            counts_pieces: view.event.counts_pieces,
            pieces: String::new(),
            pieces_error: None,
            fpa: String::new(),
            fpa_error: None,
        })
    }
}

fn blank_field(member: Member) -> MemberField {
    MemberField {
        id: member.id,
        name: member.display_name,
        time: String::new(),
        vod: String::new(),
        time_error: None,
        vod_error: None,
    }
}

/// A member's checked entry: a time (`None` = did not finish) and a VOD link.
pub struct MemberEntry {
    pub id: i64,
    pub time: Option<TimeDelta>,
    pub vod: Option<String>,
}

pub async fn submit_result(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    page: PageContext,
    Path((series, event)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let view = TeamView::load(&state, &series, &event, &user).await?;
    let kind = submittable(&view, form.get("kind").map(String::as_str))?;
    let members = view.team.members(&state.db).await?;
    let field = |name: String| {
        form.get(&name)
            .map(|value| value.trim().to_owned())
            .unwrap_or_default()
    };

    let mut fields = Vec::new();
    let mut entries = Vec::new();
    for member in members {
        let mut field_row = blank_field(member);
        field_row.time = field(format!("time_{}", field_row.id));
        field_row.vod = field(format!("vod_{}", field_row.id));
        let time = if field_row.time.is_empty() {
            None
        } else {
            match parse_duration(&field_row.time) {
                Ok(time) => Some(time),
                Err(error) => {
                    field_row.time_error = Some(capitalize(&error.to_string()));
                    None
                }
            }
        };
        let vod = normalize_link(&field_row.vod);
        if field_row.vod.is_empty() {
            if !field_row.time.is_empty() {
                field_row.vod_error = Some("A VOD link is needed for a finished run.".into());
            }
        } else if vod.is_none() {
            field_row.vod_error =
                Some("Enter the link to the VOD, such as https://www.twitch.tv/videos/…".into());
        }
        entries.push(MemberEntry {
            id: field_row.id,
            time,
            vod,
        });
        fields.push(field_row);
    }
    let fpa = field("fpa".into());
    let fpa_error = (fpa.chars().count() > MAX_NOTE)
        .then(|| format!("Keep the note under {MAX_NOTE} characters."));
    let pieces_text = field("pieces".into());
    let (pieces, pieces_error) = if view.event.counts_pieces {
        match pieces_text.parse::<i16>() {
            Ok(pieces) if (0..=99).contains(&pieces) => (Some(pieces), None),
            _ => (
                None,
                Some("Enter how many Triforce pieces your team found (a whole number).".to_owned()),
            ),
        }
    } else {
        (None, None)
    };

    let invalid = fields
        .iter()
        .any(|f| f.time_error.is_some() || f.vod_error.is_some())
        || fpa_error.is_some()
        || pieces_error.is_some();
    if invalid {
        let form = SubmitPage {
            pieces: pieces_text,
            pieces_error,
            fpa,
            fpa_error,
            ..SubmitPage::new(&page, &view, kind, fields)?
        };
        return Ok((
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            page.csrf,
            form,
        )
            .into_response());
    }

    crate::record::record_submission(&state, &view, kind, &entries, pieces, &fpa).await?;
    Ok(Redirect::to(&format!(
        "/event/{}/{}/status#{}",
        view.event.series,
        view.event.event,
        kind.as_str()
    ))
    .into_response())
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
