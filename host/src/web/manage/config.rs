//! The event's configuration: name, team size, planned start, how asyncs run, Discord ids.

use axum::extract::{Path, State};
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use hourglass_sdk::events::Event;
use hourglass_sdk::standings::{Formula, ScoringSettings};
use hourglass_sdk::web::{AppState, CsrfForm, CurrentUser, PageContext, WebError};

use super::fields::{
    FieldErrors, constraint_message, datetime_input, parse_datetime, parse_name,
    parse_optional_snowflake, parse_team_size,
};
use super::page::Forms;
use super::{back_to_manage, invalid_form, managed_event};

/// The configuration form as typed (checkboxes are present only when ticked).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ConfigInput {
    pub display_name: String,
    pub team_size: String,
    pub start: String,
    pub automated_asyncs: Option<String>,
    pub counts_pieces: Option<String>,
    /// `time`, `standard` or `sgl`; blank keeps the stored formula.
    pub scoring: String,
    pub hide_results: Option<String>,
    pub discord_guild: String,
    pub discord_async_channel: String,
}

impl ConfigInput {
    /// The form filled with the stored configuration.
    pub fn from_event(event: &Event, scoring: ScoringSettings) -> Self {
        let id = |id: Option<i64>| id.map(|id| id.to_string()).unwrap_or_default();
        let tick = |on: bool| on.then(|| "on".to_owned());
        Self {
            display_name: event.display_name.clone(),
            team_size: event.team_size.to_string(),
            start: datetime_input(event.start),
            automated_asyncs: tick(event.automated_asyncs),
            counts_pieces: tick(event.counts_pieces),
            scoring: scoring.formula.as_str().to_owned(),
            hide_results: tick(scoring.hide_results),
            discord_guild: id(event.discord_guild),
            discord_async_channel: id(event.discord_async_channel),
        }
    }
}

/// A checked configuration.
struct Config {
    display_name: String,
    team_size: i16,
    start: Option<DateTime<Utc>>,
    discord_guild: Option<i64>,
    discord_async_channel: Option<i64>,
    automated_asyncs: bool,
    counts_pieces: bool,
    /// `None` keeps the stored formula.
    scoring: Option<Formula>,
    hide_results: bool,
}

fn check(input: &ConfigInput, errors: &mut FieldErrors) -> Option<Config> {
    let display_name = errors.check("display_name", parse_name(&input.display_name, "name"));
    let team_size = errors.check("team_size", parse_team_size(&input.team_size));
    let start = errors.check("start", parse_datetime(&input.start));
    let scoring = match input.scoring.trim() {
        "" => Some(None),
        name => errors.check(
            "scoring",
            Formula::parse(name)
                .map(Some)
                .ok_or_else(|| "Choose time, standard or SGL.".to_owned()),
        ),
    };
    let discord_guild = errors.check(
        "discord_guild",
        parse_optional_snowflake(&input.discord_guild),
    );
    let discord_async_channel = errors.check(
        "discord_async_channel",
        parse_optional_snowflake(&input.discord_async_channel),
    );
    // The sweep opens each team's private thread in the event's async channel: without it,
    // requests would wait for a thread that never comes.
    let automated_asyncs = input.automated_asyncs.is_some();
    if automated_asyncs {
        if discord_guild == Some(None) {
            errors.add(
                "discord_guild",
                "Automated asyncs need the Discord server's id.",
            );
        }
        if discord_async_channel == Some(None) {
            errors.add(
                "discord_async_channel",
                "Automated asyncs open their threads in this channel: enter its id.",
            );
        }
    }

    Some(Config {
        display_name: display_name?,
        team_size: team_size?,
        start: start?,
        discord_guild: discord_guild?,
        discord_async_channel: discord_async_channel?,
        automated_asyncs,
        counts_pieces: input.counts_pieces.is_some(),
        scoring: scoring?,
        hide_results: input.hide_results.is_some(),
    })
}

pub async fn save(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    page: PageContext,
    Path((series, event)): Path<(String, String)>,
    CsrfForm(input): CsrfForm<ConfigInput>,
) -> Result<Response, WebError> {
    let event = managed_event(&state, &user, &series, &event).await?;

    let mut errors = FieldErrors::default();
    let checked = check(&input, &mut errors);
    if let Some(config) = checked.filter(|_| errors.is_empty()) {
        match store(&state, &event, &config).await? {
            None => {
                tracing::info!(
                    event.series = %event.series, event.event = %event.event, user.id = user.id,
                    automated_asyncs = input.automated_asyncs.is_some(), "event configuration saved"
                );
                return Ok(back_to_manage(&event, "config", "config"));
            }
            Some((field, message)) => errors.add(field, message),
        }
    }

    let forms = Forms {
        config: Some((input, errors)),
        ..Forms::default()
    };
    invalid_form(&state, page, event, forms).await
}

/// Saves the configuration; `Some((field, message))` when it cannot be saved as typed.
async fn store(
    state: &AppState,
    event: &Event,
    config: &Config,
) -> Result<Option<(&'static str, String)>, WebError> {
    let mut tx = state.db.begin().await?;
    // The team size of an event with teams stays: their member lists were checked against it.
    // The event row is locked so that a team cannot be added between this check and the save.
    let (team_size, teams): (i16, i64) = sqlx::query_as(
        "SELECT team_size, (SELECT count(*) FROM teams WHERE series = $1 AND event = $2) \
         FROM events WHERE series = $1 AND event = $2 FOR UPDATE",
    )
    .bind(&event.series)
    .bind(&event.event)
    .fetch_one(&mut *tx)
    .await?;
    if teams > 0 && config.team_size != team_size {
        let message = format!(
            "This event already has {teams} team(s) of {team_size}; remove them before \
             changing the team size."
        );
        return Ok(Some(("team_size", message)));
    }

    // Switching how asyncs run while a team is mid-run would strand it: a web request's seed
    // would vanish behind a thread that never opens, or a thread run would lose its staff path.
    if config.automated_asyncs != event.automated_asyncs {
        let open: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM async_teams JOIN teams ON teams.id = async_teams.team \
             WHERE teams.series = $1 AND teams.event = $2 \
               AND async_teams.requested IS NOT NULL AND async_teams.submitted IS NULL",
        )
        .bind(&event.series)
        .bind(&event.event)
        .fetch_one(&mut *tx)
        .await?;
        if open > 0 {
            let message = format!(
                "{open} team(s) have requested an async and not reported a result yet; \
                 switching now would strand them. Switch when no request is open."
            );
            return Ok(Some(("automated_asyncs", message)));
        }
    }

    let saved = sqlx::query(
        "UPDATE events SET display_name = $3, team_size = $4, start = $5, automated_asyncs = $6, \
         counts_pieces = $7, discord_guild = $8, discord_async_channel = $9, \
         scoring = COALESCE($10, scoring), hide_results = $11 \
         WHERE series = $1 AND event = $2",
    )
    .bind(&event.series)
    .bind(&event.event)
    .bind(&config.display_name)
    .bind(config.team_size)
    .bind(config.start)
    .bind(config.automated_asyncs)
    .bind(config.counts_pieces)
    .bind(config.discord_guild)
    .bind(config.discord_async_channel)
    .bind(config.scoring.map(Formula::as_str))
    .bind(config.hide_results)
    .execute(&mut *tx)
    .await;
    if let Err(error) = saved {
        return match constraint_message(&error) {
            Some((field, message)) => Ok(Some((field, message.to_owned()))),
            None => Err(error.into()),
        };
    }
    tx.commit().await?;
    Ok(None)
}
