//! What a signed-in team member's pages start from: the event, the member's team and the
//! event's asyncs with the team's progress in each.

use chrono::{DateTime, Utc};

use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::events::{AsyncRow, Event, Team, TeamAsync, effective_start};
use hourglass_sdk::web::{AppState, User, WebError};

/// The event as one team sees it.
pub struct TeamView {
    pub event: Event,
    pub team: Team,
    pub asyncs: Vec<(AsyncRow, TeamAsync)>,
    pub event_start: Option<DateTime<Utc>>,
    pub now: DateTime<Utc>,
}

impl TeamView {
    /// Loads the event and the user's team; a user without a team is refused.
    pub async fn load(
        state: &AppState,
        series: &str,
        event: &str,
        user: &User,
    ) -> Result<Self, WebError> {
        let event = Event::load(&state.db, series, event)
            .await?
            .ok_or(WebError::NotFound)?;
        let team = Team::of_user(&state.db, series, &event.event, user.id)
            .await?
            .ok_or_else(|| {
                WebError::Forbidden(
                    "You are not on a team in this event. Ask the event staff to add you.".into(),
                )
            })?;
        let rows = AsyncRow::for_event(&state.db, series, &event.event).await?;
        let event_start = effective_start(&state.db, &event, &rows).await?;
        let mut asyncs = Vec::with_capacity(rows.len());
        for row in rows {
            let progress = TeamAsync::load(&state.db, team.id, row.kind).await?;
            asyncs.push((row, progress));
        }
        Ok(Self {
            event,
            team,
            asyncs,
            event_start,
            now: state.clock.now(),
        })
    }

    pub fn is_open(&self, row: &AsyncRow) -> bool {
        row.is_open(self.now, &self.event, self.event_start)
    }

    /// The async the team can act on now: the first (by kind) that is open and not yet
    /// submitted, else the first requested and not yet submitted.
    pub fn active(&self) -> Option<&(AsyncRow, TeamAsync)> {
        self.asyncs
            .iter()
            .find(|(row, progress)| self.is_open(row) && progress.submitted.is_none())
            .or_else(|| {
                self.asyncs.iter().find(|(_, progress)| {
                    progress.requested.is_some() && progress.submitted.is_none()
                })
            })
    }

    pub fn find(&self, kind: AsyncKind) -> Option<&(AsyncRow, TeamAsync)> {
        self.asyncs.iter().find(|(row, _)| row.kind == kind)
    }
}
