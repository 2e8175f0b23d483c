//! Adding or editing one async of the event (one row of `asyncs`, by kind).

use axum::extract::{Path, State};
use axum::response::Response;
use chrono::{DateTime, TimeDelta, Utc};
use serde::Deserialize;

use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::duration::format_duration;
use hourglass_sdk::events::{AsyncRow, Event};
use hourglass_sdk::seed::SeedRow;
use hourglass_sdk::web::{AppState, CsrfForm, CurrentUser, PageContext, WebError};

use super::fields::{
    FieldErrors, constraint_message, datetime_input, parse_datetime, parse_max_delay,
    parse_optional_snowflake,
};
use super::page::Forms;
use super::seed_form::{self, same_seed};
use super::{back_to_manage, invalid_form, managed_event};

/// The async form as typed.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct AsyncInput {
    pub kind: String,
    pub start: String,
    pub end: String,
    pub max_delay: String,
    pub seed_provider: String,
    pub web_id: String,
    pub file_stem: String,
    pub hash1: String,
    pub hash2: String,
    pub hash3: String,
    pub hash4: String,
    pub hash5: String,
    pub tfb_uuid: String,
    pub tfb_dev: Option<String>,
    pub xkeys_uuid: String,
    pub password: String,
    pub discord_channel: String,
    pub discord_role: String,
    /// Ticked to replace the seed of an async that teams have already requested.
    pub confirm_seed_change: Option<String>,
}

impl AsyncInput {
    /// An empty form for a new async of this kind.
    pub fn blank(kind: AsyncKind) -> Self {
        Self {
            kind: kind.as_str().to_owned(),
            ..Self::default()
        }
    }

    /// The form filled with a stored async.
    pub fn from_row(row: &AsyncRow) -> Self {
        let delay = row.max_delay();
        let id = |id: Option<i64>| id.map(|id| id.to_string()).unwrap_or_default();
        let mut input = Self {
            kind: row.kind.as_str().to_owned(),
            start: datetime_input(row.start),
            end: datetime_input(row.end_time),
            max_delay: if delay.is_zero() {
                String::new()
            } else {
                format_duration(delay)
            },
            discord_channel: id(row.discord_channel),
            discord_role: id(row.discord_role),
            ..Self::default()
        };
        seed_form::fill(&mut input, &row.seed);
        input
    }

    /// The five hash selects' values, in order.
    pub fn hashes(&self) -> [&str; 5] {
        [
            &self.hash1,
            &self.hash2,
            &self.hash3,
            &self.hash4,
            &self.hash5,
        ]
    }
}

/// A checked async.
struct Checked {
    kind: AsyncKind,
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
    max_delay: TimeDelta,
    seed: SeedRow,
    discord_channel: Option<i64>,
    discord_role: Option<i64>,
}

fn check(input: &AsyncInput, errors: &mut FieldErrors) -> Option<Checked> {
    let kind = AsyncKind::parse(&input.kind);
    if kind.is_none() {
        errors.add("kind", "Choose one of the listed kinds.");
    }
    let start = errors.check("start", parse_datetime(&input.start));
    let end = errors.check("end", parse_datetime(&input.end));
    if let (Some(Some(start)), Some(Some(end))) = (start, end) {
        if end <= start {
            errors.add("end", "The end must be after the start.");
        }
    }
    let max_delay = errors.check("max_delay", parse_max_delay(&input.max_delay));
    let discord_channel = errors.check(
        "discord_channel",
        parse_optional_snowflake(&input.discord_channel),
    );
    let discord_role = errors.check(
        "discord_role",
        parse_optional_snowflake(&input.discord_role),
    );
    let seed = seed_form::check(input, errors);
    let checked = Checked {
        kind: kind?,
        start: start?,
        end: end?,
        max_delay: max_delay?,
        seed: seed?,
        discord_channel: discord_channel?,
        discord_role: discord_role?,
    };
    errors.is_empty().then_some(checked)
}

pub async fn save(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    page: PageContext,
    Path((series, event)): Path<(String, String)>,
    CsrfForm(input): CsrfForm<AsyncInput>,
) -> Result<Response, WebError> {
    let event = managed_event(&state, &user, &series, &event).await?;

    let mut errors = FieldErrors::default();
    if let Some(checked) = check(&input, &mut errors) {
        let confirmed = input.confirm_seed_change.is_some();
        match store(&state, &event, &checked, confirmed).await? {
            None => {
                tracing::info!(
                    event.series = %event.series, event.event = %event.event, user.id = user.id,
                    async.kind = checked.kind.as_str(), "async saved"
                );
                return Ok(back_to_manage(&event, "async", "asyncs"));
            }
            Some((field, message)) => errors.add(field, message),
        }
    }

    let forms = Forms {
        async_form: Some((input, errors)),
        ..Forms::default()
    };
    invalid_form(&state, page, event, forms).await
}

/// Inserts or updates the async; `Some((field, message))` when it cannot be saved as typed.
async fn store(
    state: &AppState,
    event: &Event,
    new: &Checked,
    seed_change_confirmed: bool,
) -> Result<Option<(&'static str, String)>, WebError> {
    let mut tx = state.db.begin().await?;
    // Teams that requested this async have seen (or are playing) its seed: replacing it is
    // deliberate, never a slip. The row lock keeps a request from slipping in meanwhile.
    let stored: Option<AsyncRow> = sqlx::query_as(
        "SELECT kind, start, end_time, max_delay, discord_role, discord_channel, \
         seed_provider, web_id, web_gen_time, file_stem, hash1, hash2, hash3, hash4, hash5, \
         tfb_uuid, xkeys_uuid, seed_password, is_tfb_dev \
         FROM asyncs WHERE series = $1 AND event = $2 AND kind = $3 FOR UPDATE",
    )
    .bind(&event.series)
    .bind(&event.event)
    .bind(new.kind)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(stored) = stored.filter(|stored| !same_seed(&stored.seed, &new.seed)) {
        let requested: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM async_teams JOIN teams ON teams.id = async_teams.team \
             WHERE teams.series = $1 AND teams.event = $2 AND async_teams.kind = $3 \
               AND async_teams.requested IS NOT NULL",
        )
        .bind(&event.series)
        .bind(&event.event)
        .bind(stored.kind)
        .fetch_one(&mut *tx)
        .await?;
        if requested > 0 && !seed_change_confirmed {
            return Ok(Some((
                "confirm_seed_change",
                format!(
                    "{requested} team(s) already requested the {}; tick the box to replace \
                     its seed anyway.",
                    stored.kind
                ),
            )));
        }
    }
    let seed = &new.seed;
    let saved = sqlx::query(
        "INSERT INTO asyncs (series, event, kind, start, end_time, max_delay, seed_provider, \
         web_id, file_stem, hash1, hash2, hash3, hash4, hash5, tfb_uuid, xkeys_uuid, \
         seed_password, is_tfb_dev, discord_channel, discord_role) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
         $18, $19, $20) \
         ON CONFLICT (series, event, kind) DO UPDATE SET start = EXCLUDED.start, \
         end_time = EXCLUDED.end_time, max_delay = EXCLUDED.max_delay, \
         seed_provider = EXCLUDED.seed_provider, web_id = EXCLUDED.web_id, \
         web_gen_time = CASE WHEN asyncs.web_id IS NOT DISTINCT FROM EXCLUDED.web_id \
                        THEN asyncs.web_gen_time END, \
         file_stem = EXCLUDED.file_stem, hash1 = EXCLUDED.hash1, hash2 = EXCLUDED.hash2, \
         hash3 = EXCLUDED.hash3, hash4 = EXCLUDED.hash4, hash5 = EXCLUDED.hash5, \
         tfb_uuid = EXCLUDED.tfb_uuid, xkeys_uuid = EXCLUDED.xkeys_uuid, \
         seed_password = EXCLUDED.seed_password, is_tfb_dev = EXCLUDED.is_tfb_dev, \
         discord_channel = EXCLUDED.discord_channel, discord_role = EXCLUDED.discord_role",
    )
    .bind(&event.series)
    .bind(&event.event)
    .bind(new.kind)
    .bind(new.start)
    .bind(new.end)
    .bind(new.max_delay)
    .bind(&seed.seed_provider)
    .bind(seed.web_id)
    .bind(&seed.file_stem)
    .bind(seed.hash1)
    .bind(seed.hash2)
    .bind(seed.hash3)
    .bind(seed.hash4)
    .bind(seed.hash5)
    .bind(seed.tfb_uuid)
    .bind(seed.xkeys_uuid)
    .bind(&seed.seed_password)
    .bind(seed.is_tfb_dev.unwrap_or(false))
    .bind(new.discord_channel)
    .bind(new.discord_role)
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
