//! The shapes of `standings.json` and `results/{kind}.json` (and what the pages and CSV files
//! are built from), so the hidden-score rules are applied in one place.
//!
//! Times are given twice: `time` as `h:mm:ss` and `time_s` in seconds. `points` is `null`
//! under the `time` formula. While an event hides its results from someone, every team is
//! only `{"name": …, "submitted": [kinds]}`, listed alphabetically; see README.md, "Exports".

use chrono::TimeDelta;
use serde::Serialize;

use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::duration::format_duration;
use hourglass_sdk::standings::{AsyncStanding, Formula, Outcome, Standing};

use super::{Access, EventReport};

mod async_results;

pub use async_results::{
    EntrantExport, PlacedEntrantExport, ResultsExport, RunnerExport, results_export,
};

/// `standings.json`: the event's standings over its qualifiers.
#[derive(Debug, Clone, Serialize)]
pub struct StandingsExport {
    pub series: String,
    pub event: String,
    pub name: String,
    /// `"time"`, `"standard"` or `"sgl"`.
    pub formula: Formula,
    /// Whether the results are hidden from the public (until every qualifier has closed).
    pub hidden: bool,
    /// Whether the event counts Triforce Blitz pieces (more pieces rank first under `time`).
    pub counts_pieces: bool,
    /// The qualifier kinds ranked, in the order of each team's `results`.
    pub asyncs: Vec<AsyncKind>,
    /// Ranked teams in ranking order, or, while hidden from this reader, the teams that
    /// submitted, alphabetically.
    pub teams: Vec<TeamExport>,
}

/// One team of `standings.json`.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum TeamExport {
    Ranked(RankedTeamExport),
    /// All a reader sees of a team while results are hidden from them.
    Submitted(SubmittedExport),
}

/// A team that submitted, without anything that tells its result.
#[derive(Debug, Clone, Serialize)]
pub struct SubmittedExport {
    pub name: String,
    /// The kinds the team submitted to.
    pub submitted: Vec<AsyncKind>,
}

/// A ranked team of `standings.json`.
#[derive(Debug, Clone, Serialize)]
pub struct RankedTeamExport {
    /// 1-based, shared by equal results; `null` for a team that submitted nothing.
    pub placement: Option<usize>,
    pub name: String,
    /// The sum of the per-async points; `null` under the `time` formula.
    pub total_points: Option<f64>,
    /// How many qualifiers the team finished.
    pub finished: usize,
    /// The sum of the team's finish times; `null` when it finished none.
    pub total_time: Option<String>,
    pub total_time_s: Option<f64>,
    /// Triforce Blitz pieces summed; `null` unless the event counts pieces.
    pub pieces: Option<i32>,
    /// One per kind of `asyncs`, in that order.
    pub results: Vec<AsyncResultExport>,
}

/// A team's result in one async.
#[derive(Debug, Clone, Serialize)]
pub struct AsyncResultExport {
    pub kind: AsyncKind,
    /// `"finished"`, `"dnf"` or `"not_submitted"`.
    pub status: Status,
    /// The team's time (the sum of its members' times); `null` unless finished.
    pub time: Option<String>,
    pub time_s: Option<f64>,
    /// Points under the formula (0 for a DNF or no submission); `null` under `time`.
    pub points: Option<f64>,
    pub pieces: Option<i16>,
}

/// How a team ended one async.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Finished,
    Dnf,
    NotSubmitted,
}

impl Status {
    /// The word written in CSV files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Finished => "finished",
            Self::Dnf => "dnf",
            Self::NotSubmitted => "not_submitted",
        }
    }
}

pub(super) fn seconds(time: TimeDelta) -> f64 {
    time.num_milliseconds() as f64 / 1000.0
}

pub(super) fn async_result(
    kind: AsyncKind,
    result: &AsyncStanding,
    formula: Formula,
) -> AsyncResultExport {
    let status = match result.outcome {
        Outcome::Finished(_) => Status::Finished,
        Outcome::Dnf => Status::Dnf,
        Outcome::NotSubmitted => Status::NotSubmitted,
    };
    let time = result.outcome.time();
    AsyncResultExport {
        kind,
        status,
        time: time.map(format_duration),
        time_s: time.map(seconds),
        points: formula.awards_points().then_some(result.points),
        pieces: result.pieces,
    }
}

fn ranked_team(
    line: &Standing,
    kinds: &[AsyncKind],
    formula: Formula,
    counts_pieces: bool,
) -> RankedTeamExport {
    let finished_any = line.finished > 0;
    RankedTeamExport {
        placement: line.placement,
        name: line.team_name.clone(),
        total_points: formula.awards_points().then_some(line.total_points),
        finished: line.finished,
        total_time: finished_any.then(|| format_duration(line.total_time)),
        total_time_s: finished_any.then(|| seconds(line.total_time)),
        pieces: counts_pieces.then_some(line.pieces),
        results: kinds
            .iter()
            .zip(&line.per_async)
            .map(|(&kind, result)| async_result(kind, result, formula))
            .collect(),
    }
}

pub(super) fn submitted_only(report: &EventReport, kinds: &[AsyncKind]) -> Vec<SubmittedExport> {
    report
        .submitters(kinds)
        .into_iter()
        .map(|submitter| SubmittedExport {
            name: submitter.team_name,
            submitted: kinds
                .iter()
                .zip(submitter.submitted)
                .filter_map(|(&kind, submitted)| submitted.then_some(kind))
                .collect(),
        })
        .collect()
}

/// The event's standings as `access` allows.
pub fn standings_export(report: &EventReport, access: Access) -> StandingsExport {
    let kinds = report.qualifier_kinds();
    let formula = report.settings.formula;
    let teams = match access {
        Access::Full { .. } => {
            let standings = report.standings();
            standings
                .lines
                .iter()
                .map(|line| {
                    let team = ranked_team(line, &kinds, formula, report.event.counts_pieces);
                    TeamExport::Ranked(team)
                })
                .collect()
        }
        Access::NamesOnly => submitted_only(report, &kinds)
            .into_iter()
            .map(TeamExport::Submitted)
            .collect(),
    };
    StandingsExport {
        series: report.event.series.clone(),
        event: report.event.event.clone(),
        name: report.event.display_name.clone(),
        formula,
        hidden: report.hidden,
        counts_pieces: report.event.counts_pieces,
        asyncs: kinds,
        teams,
    }
}
