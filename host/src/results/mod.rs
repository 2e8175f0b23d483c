//! An event's results as the standings pages, the exports and the `standings` command show
//! them: loaded once per request, ranked under the event's formula, and cut down to names
//! for the public while the event hides its results.

pub mod chart;
pub mod csv;
pub mod export;
pub mod view;

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::events::{AsyncRow, Event, effective_start};
use hourglass_sdk::standings::{
    EventResults, EventStandings, Formula, RunnerResult, ScoringSettings, Submitter, results_hidden,
};

/// Everything needed to show one event's results.
#[derive(Debug, Clone)]
pub struct EventReport {
    pub event: Event,
    pub asyncs: Vec<AsyncRow>,
    pub settings: ScoringSettings,
    /// The event's start after `max_delay` (see [`effective_start`]).
    pub start: Option<DateTime<Utc>>,
    /// Whether the results are hidden from the public right now.
    pub hidden: bool,
    pub results: EventResults,
    /// Asyncs whose window has not opened yet when the report was made.
    pub upcoming: Vec<AsyncKind>,
}

/// What the person looking may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Every result. `hidden_from_public` marks results the public cannot see yet.
    Full { hidden_from_public: bool },
    /// Only which teams submitted, alphabetically: nothing that tells a time or a placement.
    NamesOnly,
}

impl EventReport {
    /// Loads the event, its asyncs, its settings and every team's results; `None` when there
    /// is no such event.
    pub async fn load(
        db: &PgPool,
        series: &str,
        event: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Self>, sqlx::Error> {
        let Some(event) = Event::load(db, series, event).await? else {
            return Ok(None);
        };
        let settings = ScoringSettings::load(db, series, &event.event)
            .await?
            .unwrap_or_default();
        let asyncs = AsyncRow::for_event(db, series, &event.event).await?;
        let start = effective_start(db, &event, &asyncs).await?;
        let hidden = results_hidden(settings.hide_results, &event, &asyncs, start, now);
        let results = EventResults::load(db, series, &event.event).await?;
        let upcoming = asyncs
            .iter()
            .filter(|row| row.start.is_none_or(|opens| now < opens))
            .map(|row| row.kind)
            .collect();
        Ok(Some(Self {
            event,
            asyncs,
            settings,
            start,
            hidden,
            results,
            upcoming,
        }))
    }

    /// What someone sees: organizers (and global admins) see everything, others only names
    /// while the results are hidden.
    pub fn access(&self, is_staff: bool) -> Access {
        if is_staff || !self.hidden {
            Access::Full {
                hidden_from_public: self.hidden,
            }
        } else {
            Access::NamesOnly
        }
    }

    /// The event's qualifier kinds that have an async, in order: these make the standings.
    pub fn qualifier_kinds(&self) -> Vec<AsyncKind> {
        self.kinds(true)
    }

    /// The event's other asyncs (seeding, tiebreakers), each shown on its own, by time.
    pub fn other_kinds(&self) -> Vec<AsyncKind> {
        self.kinds(false)
    }

    fn kinds(&self, qualifier: bool) -> Vec<AsyncKind> {
        self.asyncs
            .iter()
            .map(|row| row.kind)
            .filter(|kind| kind.is_qualifier() == qualifier)
            .collect()
    }

    /// Whether the event has an async of this kind.
    pub fn has_async(&self, kind: AsyncKind) -> bool {
        self.asyncs.iter().any(|row| row.kind == kind)
    }

    /// The event's standings: its qualifiers under its formula.
    pub fn standings(&self) -> EventStandings {
        self.results.standings(
            self.settings.formula,
            self.event.counts_pieces,
            &self.qualifier_kinds(),
        )
    }

    /// One async's entrants, placed by time, with points under the event's formula for
    /// qualifiers.
    pub fn async_standings(&self, kind: AsyncKind) -> EventStandings {
        self.results
            .async_standings(self.formula_for(kind), self.event.counts_pieces, kind)
    }

    /// The event's formula for qualifiers; other asyncs are by time.
    pub fn formula_for(&self, kind: AsyncKind) -> Formula {
        if kind.is_qualifier() {
            self.settings.formula
        } else {
            Formula::Time
        }
    }

    /// The teams that submitted to any of `kinds`, alphabetically, with a mark per kind.
    pub fn submitters(&self, kinds: &[AsyncKind]) -> Vec<Submitter> {
        self.results.submitters(kinds)
    }
}

/// Each runner's time and VOD in one async, by team, then runner name.
pub async fn runners(
    db: &PgPool,
    report: &EventReport,
    kind: AsyncKind,
) -> Result<Vec<RunnerResult>, sqlx::Error> {
    RunnerResult::for_async(db, &report.event.series, &report.event.event, kind).await
}

/// How staff and runners call a formula.
pub fn formula_name(formula: Formula) -> &'static str {
    match formula {
        Formula::Time => "Time",
        Formula::Standard => "Standard (Jet + Gamble)",
        Formula::Sgl => "SGL",
    }
}

/// One sentence on how the standings are ranked, shown above them.
pub fn formula_explanation(formula: Formula, counts_pieces: bool) -> &'static str {
    match (formula, counts_pieces) {
        (Formula::Time, false) => {
            "Ranked by time: teams that finished more qualifiers first, then the lower total \
             time. A team's time is the sum of its runners' times."
        }
        (Formula::Time, true) => {
            "Ranked by time: teams that finished more qualifiers first, then more Triforce \
             pieces, then the lower total time. A team's time is the sum of its runners' times."
        }
        (Formula::Standard, _) => {
            "Ranked by points, summed over the qualifiers. Each qualifier gives 1000 points at \
             par (the mean of the best seven times), up to 1100 for beating it and at least 100 \
             for a finish, with allowances for slow or spread-out seeds. A DNF scores 0."
        }
        (Formula::Sgl, _) => {
            "Ranked by points, summed over the qualifiers. Each qualifier gives 100 points at \
             par (the mean of the best three times, four from 20 entrants), one point less per \
             percent behind it, between 10 and 110 for a finish. A DNF scores 0."
        }
    }
}
