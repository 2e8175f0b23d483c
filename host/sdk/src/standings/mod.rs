//! Standings: every team's results in an event's asyncs, ranked under the event's scoring
//! [`Formula`] (time, standard or sgl; the formulas themselves live in `hourglass-scoring`).
//!
//! Results are read from `async_players` and `async_teams.submitted` for all of an event's
//! asyncs in one query ([`EventResults::load`]), then summed and ranked in memory. A team's time
//! is the sum of its members' recorded times, whichever path (web form or staff command)
//! recorded them, and is shown exactly as recorded.

mod load;
mod visibility;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::TimeDelta;
use hourglass_scoring::{AsyncResult, TeamResult, async_points, par_time, rank};

use crate::domain::AsyncKind;

pub use hourglass_scoring::Formula;
pub use load::{RunnerResult, ScoringSettings};
pub use visibility::results_hidden;

/// Where a team stands in one async.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Every member finished; the team's time is the sum of their times.
    Finished(TimeDelta),
    /// Submitted, but at least one member did not finish.
    Dnf,
    NotSubmitted,
}

impl Outcome {
    /// Whether the team submitted (a finish or a DNF): only those are entrants.
    pub fn submitted(&self) -> bool {
        !matches!(self, Self::NotSubmitted)
    }

    /// The finish time, if the team finished.
    pub fn time(&self) -> Option<TimeDelta> {
        match self {
            Self::Finished(time) => Some(*time),
            Self::Dnf | Self::NotSubmitted => None,
        }
    }

    /// The finish time in seconds, as the formulas take it.
    fn seconds(&self) -> Option<f64> {
        self.time()
            .map(|time| time.num_microseconds().unwrap_or(i64::MAX) as f64 / 1e6)
    }
}

/// One team's recorded result in one async.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamAsyncResult {
    pub kind: AsyncKind,
    pub outcome: Outcome,
    /// Triforce Blitz pieces, where the team reported them.
    pub pieces: Option<i16>,
}

/// One team and what it recorded in the event's asyncs (an async it has no row for is absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamResults {
    pub team_id: i64,
    pub team_name: String,
    pub results: Vec<TeamAsyncResult>,
}

impl TeamResults {
    /// The team's outcome and pieces in one async (not submitted when it has no row).
    pub fn result(&self, kind: AsyncKind) -> (Outcome, Option<i16>) {
        self.results
            .iter()
            .find(|result| result.kind == kind)
            .map_or((Outcome::NotSubmitted, None), |result| {
                (result.outcome.clone(), result.pieces)
            })
    }
}

/// Every team of an event with its results; see [`EventResults::load`].
#[derive(Debug, Clone, Default)]
pub struct EventResults {
    pub teams: Vec<TeamResults>,
}

/// A team's result in one async as a standings line shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct AsyncStanding {
    pub outcome: Outcome,
    pub pieces: Option<i16>,
    /// Points under the formula: 0 for a DNF, for no submission and under [`Formula::Time`].
    pub points: f64,
}

/// One line of the standings.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// 1-based; equal ranking keys share a placement. `None` for a team that submitted to
    /// none of the ranked asyncs (it is not an entrant).
    pub placement: Option<usize>,
    pub team_id: i64,
    pub team_name: String,
    /// One entry per ranked async, in the order of [`EventStandings::kinds`].
    pub per_async: Vec<AsyncStanding>,
    pub total_points: f64,
    /// How many of the ranked asyncs the team finished.
    pub finished: usize,
    /// The sum of the team's times over the asyncs it finished.
    pub total_time: TimeDelta,
    /// Pieces summed over the submitted asyncs; 0 unless the event counts pieces.
    pub pieces: i32,
}

/// An event's ranking over some of its asyncs.
#[derive(Debug, Clone, PartialEq)]
pub struct EventStandings {
    pub formula: Formula,
    pub kinds: Vec<AsyncKind>,
    pub lines: Vec<Standing>,
}

/// A team that submitted, for the view that shows no results (hidden scores).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitter {
    pub team_name: String,
    /// Whether the team submitted each of the asked kinds, in their order.
    pub submitted: Vec<bool>,
}

impl EventResults {
    /// Ranks every team over `kinds` under `formula`: for points formulas the total is the sum
    /// over the kinds; ties go to more finished asyncs, then lower summed time, then the name
    /// (see [`hourglass_scoring::rank`]). Teams without a submission come last, unplaced.
    pub fn standings(
        &self,
        formula: Formula,
        counts_pieces: bool,
        kinds: &[AsyncKind],
    ) -> EventStandings {
        let input = self
            .teams
            .iter()
            .map(|team| TeamResult {
                name: team.team_name.clone(),
                per_async: kinds
                    .iter()
                    .map(|&kind| {
                        let (outcome, pieces) = team.result(kind);
                        AsyncResult {
                            kind: kind.as_str().to_owned(),
                            submitted: outcome.submitted(),
                            time_s: outcome.seconds(),
                            pieces,
                        }
                    })
                    .collect(),
            })
            .collect();
        // Team names are unique within an event (constraint `teams_name_unique`).
        let by_name: HashMap<&str, &TeamResults> = self
            .teams
            .iter()
            .map(|team| (team.team_name.as_str(), team))
            .collect();
        let lines = rank(formula, counts_pieces, input)
            .into_iter()
            .filter_map(|ranked| {
                let team = by_name.get(ranked.name.as_str())?;
                let per_async: Vec<AsyncStanding> = kinds
                    .iter()
                    .zip(&ranked.async_points)
                    .map(|(&kind, &points)| {
                        let (outcome, pieces) = team.result(kind);
                        AsyncStanding {
                            outcome,
                            pieces,
                            points,
                        }
                    })
                    .collect();
                let total_time = per_async
                    .iter()
                    .filter_map(|result| result.outcome.time())
                    .sum();
                Some(Standing {
                    placement: ranked.placement,
                    team_id: team.team_id,
                    team_name: ranked.name,
                    per_async,
                    total_points: ranked.total_points,
                    finished: ranked.finished,
                    total_time,
                    pieces: ranked.pieces,
                })
            })
            .collect();
        EventStandings {
            formula,
            kinds: kinds.to_vec(),
            lines,
        }
    }

    /// One async's results: its entrants placed by time (more pieces first where the event
    /// counts them; equal results share a placement), each with its points under `formula`.
    /// Teams that did not submit are left out.
    pub fn async_standings(
        &self,
        formula: Formula,
        counts_pieces: bool,
        kind: AsyncKind,
    ) -> EventStandings {
        let mut standings = self.standings(Formula::Time, counts_pieces, &[kind]);
        standings
            .lines
            .retain(|line| line.per_async[0].outcome.submitted());
        let times: Vec<Option<f64>> = standings
            .lines
            .iter()
            .map(|line| line.per_async[0].outcome.seconds())
            .collect();
        for (line, points) in standings
            .lines
            .iter_mut()
            .zip(async_points(formula, &times))
        {
            line.per_async[0].points = points;
            line.total_points = points;
        }
        standings.formula = formula;
        standings
    }

    /// Par of one async under `formula` (none under [`Formula::Time`] or when nobody finished).
    pub fn par_time(&self, formula: Formula, kind: AsyncKind) -> Option<TimeDelta> {
        let entrants: Vec<Option<f64>> = self
            .teams
            .iter()
            .map(|team| team.result(kind).0)
            .filter(Outcome::submitted)
            .map(|outcome| outcome.seconds())
            .collect();
        let seconds = par_time(formula, &entrants)?;
        Some(TimeDelta::milliseconds((seconds * 1000.0).round() as i64))
    }

    /// The teams that submitted to at least one of `kinds`, in alphabetical order (case-folded,
    /// then as written), with nothing that reveals a result.
    pub fn submitters(&self, kinds: &[AsyncKind]) -> Vec<Submitter> {
        let mut submitters: Vec<Submitter> = self
            .teams
            .iter()
            .map(|team| Submitter {
                team_name: team.team_name.clone(),
                submitted: kinds
                    .iter()
                    .map(|&kind| team.result(kind).0.submitted())
                    .collect(),
            })
            .filter(|submitter| submitter.submitted.contains(&true))
            .collect();
        submitters.sort_by(|a, b| {
            a.team_name
                .to_lowercase()
                .cmp(&b.team_name.to_lowercase())
                .then_with(|| a.team_name.cmp(&b.team_name))
        });
        submitters
    }
}
