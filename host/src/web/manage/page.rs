//! The manage page: what it shows and how it is put together from the database and from
//! whichever form is being shown again.

use askama::Template;
use askama_web::WebTemplate;
use chrono::{DateTime, Utc};

use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::duration::format_duration;
use hourglass_sdk::events::{AsyncRow, Event};
use hourglass_sdk::seed;
use hourglass_sdk::standings::ScoringSettings;
use hourglass_sdk::web::{AppState, Chrome, PageContext, WebError};

use super::asyncs::AsyncInput;
use super::config::ConfigInput;
use super::fields::{FieldErrors, show_time};
use super::seed_form::{HashSelect, hash_selects};
use super::team_list::{TeamLine, team_lines};
use super::teams::TeamInput;

/// Which forms show what was just sent instead of the stored values, and page notes.
#[derive(Default)]
pub struct Forms {
    pub config: Option<(ConfigInput, FieldErrors)>,
    pub async_form: Option<(AsyncInput, FieldErrors)>,
    pub team: Option<(TeamInput, FieldErrors)>,
    /// A team whose removal was refused, and why.
    pub remove_error: Option<(i64, String)>,
    /// The async whose stored values fill the async form.
    pub edit: Option<AsyncKind>,
    pub saved: Option<&'static str>,
}

/// One async in the list.
pub struct AsyncLine {
    pub kind: AsyncKind,
    pub window: String,
    pub seed: String,
    /// Why the seed cannot be shown to runners yet, when it cannot.
    pub seed_problem: Option<String>,
    pub max_delay: String,
    pub discord: String,
}

/// A choice of seed provider in the async form.
pub struct ProviderOption {
    pub id: &'static str,
    pub name: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "manage_event.html")]
pub struct ManagePage {
    pub chrome: Chrome,
    pub event: Event,
    pub saved: Option<&'static str>,
    pub config: ConfigInput,
    pub config_errors: FieldErrors,
    pub asyncs: Vec<AsyncLine>,
    pub async_form: AsyncInput,
    pub async_errors: FieldErrors,
    pub kinds: [AsyncKind; 6],
    pub providers: Vec<ProviderOption>,
    pub hash_selects: Vec<HashSelect>,
    pub teams: Vec<TeamLine>,
    pub team_kinds: Vec<AsyncKind>,
    pub team_form: TeamInput,
    pub team_errors: FieldErrors,
}

/// Builds the page for `event`, showing `forms` where given and stored values elsewhere.
pub async fn render(
    state: &AppState,
    page: &PageContext,
    event: Event,
    forms: Forms,
) -> Result<ManagePage, WebError> {
    let rows = AsyncRow::for_event(&state.db, &event.series, &event.event).await?;
    let (async_form, async_errors) = forms.async_form.unwrap_or_else(|| {
        let editing = forms
            .edit
            .and_then(|kind| rows.iter().find(|row| row.kind == kind));
        let input = match editing {
            Some(row) => AsyncInput::from_row(row),
            None => AsyncInput::blank(first_unused_kind(&rows)),
        };
        (input, FieldErrors::default())
    });
    let scoring = ScoringSettings::load(&state.db, &event.series, &event.event)
        .await?
        .unwrap_or_default();
    let (config, config_errors) = forms.config.unwrap_or_else(|| {
        (
            ConfigInput::from_event(&event, scoring),
            FieldErrors::default(),
        )
    });
    let (team_form, team_errors) = forms.team.unwrap_or_default();
    let team_kinds: Vec<AsyncKind> = rows.iter().map(|row| row.kind).collect();
    let mut teams = team_lines(&state.db, &event, &team_kinds).await?;
    if let Some((id, message)) = forms.remove_error {
        if let Some(line) = teams.iter_mut().find(|line| line.id == id) {
            line.remove_error = Some(message);
        }
    }
    Ok(ManagePage {
        chrome: page.chrome(format!("Manage {}", event.display_name))?,
        saved: forms.saved,
        config,
        config_errors,
        asyncs: rows.iter().map(|row| async_line(state, row)).collect(),
        hash_selects: hash_selects(&async_form),
        async_form,
        async_errors,
        kinds: AsyncKind::ALL,
        providers: seed::providers()
            .into_iter()
            .map(|provider| ProviderOption {
                id: provider.id(),
                name: provider.display_name(),
            })
            .collect(),
        teams,
        team_kinds,
        team_form,
        team_errors,
        event,
    })
}

/// The kind a new async most likely gets: the first the event does not have yet.
fn first_unused_kind(rows: &[AsyncRow]) -> AsyncKind {
    AsyncKind::ALL
        .into_iter()
        .find(|kind| rows.iter().all(|row| row.kind != *kind))
        .unwrap_or(AsyncKind::Qualifier)
}

fn async_line(state: &AppState, row: &AsyncRow) -> AsyncLine {
    let seed = seed::resolve(&row.seed).map_or_else(
        || "no seed yet".to_owned(),
        |provider| provider.display_name().to_owned(),
    );
    // Staff should see at once when runners would get "no seed" (a missing file, say).
    let seed_problem = match seed::view(&row.seed, &state.seeds) {
        Ok(_) => None,
        Err(problem) if seed::resolve(&row.seed).is_some() => Some(problem.to_string()),
        Err(_) => None,
    };
    let delay = row.max_delay();
    let discord = match (row.discord_channel, row.discord_role) {
        (None, None) => String::new(),
        (channel, role) => [
            channel.map(|id| format!("channel {id}")),
            role.map(|id| format!("role {id}")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", "),
    };
    AsyncLine {
        kind: row.kind,
        window: window(row.start, row.end_time),
        seed,
        seed_problem,
        max_delay: if delay.is_zero() {
            "none".to_owned()
        } else {
            format_duration(delay)
        },
        discord,
    }
}

fn window(start: Option<DateTime<Utc>>, end: Option<DateTime<Utc>>) -> String {
    match (start, end) {
        (None, None) => "not scheduled".to_owned(),
        (Some(start), None) => format!("from {}", show_time(Some(start))),
        (None, Some(end)) => format!("until {}", show_time(Some(end))),
        (Some(start), Some(end)) => {
            format!("{} – {}", show_time(Some(start)), show_time(Some(end)))
        }
    }
}
