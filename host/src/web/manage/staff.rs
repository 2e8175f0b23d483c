//! The writes behind the admin page: creating an event and naming or removing its
//! organizers. They live here, next to the other event writes, so that the admin page's own
//! file stays about the page.

use serde::Deserialize;
use sqlx::PgPool;

use hourglass_sdk::events::Event;
use hourglass_sdk::web::WebError;

use super::fields::{
    FieldErrors, constraint_message, parse_datetime, parse_name, parse_slug, parse_snowflake,
    parse_team_size,
};

/// The "Create event" form as typed.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct CreateInput {
    pub series: String,
    pub event: String,
    pub display_name: String,
    pub team_size: String,
    pub start: String,
}

impl Default for CreateInput {
    fn default() -> Self {
        Self {
            series: String::new(),
            event: String::new(),
            display_name: String::new(),
            // Most events are solo; a prefilled size saves a field.
            team_size: "1".to_owned(),
            start: String::new(),
        }
    }
}

/// Creates the event; its `(series, event)` ids, or the messages per field.
pub async fn create_event(
    db: &PgPool,
    input: &CreateInput,
) -> Result<Result<(String, String), FieldErrors>, WebError> {
    let mut errors = FieldErrors::default();
    let series = errors.check("series", parse_slug(&input.series, "series"));
    let event = errors.check("event", parse_slug(&input.event, "event"));
    let name = errors.check(
        "display_name",
        parse_name(&input.display_name, "display name"),
    );
    let team_size = errors.check("team_size", parse_team_size(&input.team_size));
    let start = errors.check("start", parse_datetime(&input.start));
    let (Some(series), Some(event), Some(name), Some(team_size), Some(start)) =
        (series, event, name, team_size, start)
    else {
        return Ok(Err(errors));
    };
    let created = sqlx::query(
        "INSERT INTO events (series, event, display_name, team_size, start) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&series)
    .bind(&event)
    .bind(&name)
    .bind(team_size)
    .bind(start)
    .execute(db)
    .await;
    match created {
        Ok(_) => Ok(Ok((series, event))),
        Err(error) => match constraint_message(&error) {
            Some((field, message)) => {
                errors.add(field, message);
                Ok(Err(errors))
            }
            None => Err(error.into()),
        },
    }
}

/// The organizer forms: one Discord id.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OrganizerInput {
    pub organizer: String,
}

/// Names the person with the typed Discord id an organizer of the event; `Some(message)`
/// when that cannot be done.
pub async fn add_organizer(
    db: &PgPool,
    event: &Event,
    typed: &str,
) -> Result<Option<String>, WebError> {
    let id = match parse_snowflake(typed) {
        Ok(id) => id,
        Err(message) => return Ok(Some(message)),
    };
    let mut tx = db.begin().await?;
    // Someone who never signed in is known by their id until they do.
    sqlx::query(
        "INSERT INTO users (id, display_name) VALUES ($1, $1::text) ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let added =
        sqlx::query("INSERT INTO organizers (series, event, organizer) VALUES ($1, $2, $3)")
            .bind(&event.series)
            .bind(&event.event)
            .bind(id)
            .execute(&mut *tx)
            .await;
    if let Err(error) = added {
        return match constraint_message(&error) {
            Some((_, message)) => Ok(Some(message.to_owned())),
            None => Err(error.into()),
        };
    }
    tx.commit().await?;
    Ok(None)
}

/// Removes an organizer (nothing happens if they were not one).
pub async fn remove_organizer(db: &PgPool, event: &Event, typed: &str) -> Result<(), WebError> {
    let id = parse_snowflake(typed).map_err(WebError::Refused)?;
    sqlx::query("DELETE FROM organizers WHERE series = $1 AND event = $2 AND organizer = $3")
        .bind(&event.series)
        .bind(&event.event)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}
