//! `results/{kind}.json`: one async's entrants with their runners.

use std::collections::HashMap;

use serde::Serialize;

use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::duration::format_duration;
use hourglass_sdk::standings::{Formula, RunnerResult};
use hourglass_sdk::web::safe_link;

use super::{AsyncResultExport, SubmittedExport, async_result, seconds, submitted_only};
use crate::results::{Access, EventReport};

/// `results/{kind}.json`: one async's entrants.
#[derive(Debug, Clone, Serialize)]
pub struct ResultsExport {
    pub series: String,
    pub event: String,
    pub kind: AsyncKind,
    /// The formula the points are under (`"time"` for non-qualifier asyncs).
    pub formula: Formula,
    pub hidden: bool,
    /// The par time under a points formula; `null` under `time`, when nobody finished, and
    /// while hidden from this reader.
    pub par_time: Option<String>,
    pub par_time_s: Option<f64>,
    /// The teams that submitted, placed by time (equal times share a placement), or
    /// alphabetically with names only while hidden from this reader.
    pub entrants: Vec<EntrantExport>,
}

/// One entrant of `results/{kind}.json`.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum EntrantExport {
    Placed(PlacedEntrantExport),
    Submitted(SubmittedExport),
}

/// A placed entrant with its runners.
#[derive(Debug, Clone, Serialize)]
pub struct PlacedEntrantExport {
    pub placement: Option<usize>,
    pub name: String,
    #[serde(flatten)]
    pub result: AsyncResultExport,
    pub runners: Vec<RunnerExport>,
}

/// One runner's part of an entrant's result.
#[derive(Debug, Clone, Serialize)]
pub struct RunnerExport {
    pub name: String,
    /// `null` when the runner did not finish.
    pub time: Option<String>,
    pub time_s: Option<f64>,
    /// The VOD link, only when it is an `http(s)` URL.
    pub vod: Option<String>,
}

/// One async's results as `access` allows; `runners` as loaded for that async.
pub fn results_export(
    report: &EventReport,
    kind: AsyncKind,
    runners: &[RunnerResult],
    access: Access,
) -> ResultsExport {
    let formula = report.formula_for(kind);
    let (par, entrants) = match access {
        Access::Full { .. } => {
            let standings = report.async_standings(kind);
            let mut by_team: HashMap<i64, Vec<&RunnerResult>> = HashMap::new();
            for runner in runners {
                by_team.entry(runner.team_id).or_default().push(runner);
            }
            let entrants = standings
                .lines
                .iter()
                .map(|line| {
                    EntrantExport::Placed(PlacedEntrantExport {
                        placement: line.placement,
                        name: line.team_name.clone(),
                        result: async_result(kind, &line.per_async[0], formula),
                        runners: by_team
                            .get(&line.team_id)
                            .map(|runners| runners.iter().copied().map(runner).collect())
                            .unwrap_or_default(),
                    })
                })
                .collect();
            (report.results.par_time(formula, kind), entrants)
        }
        Access::NamesOnly => {
            let names = submitted_only(report, &[kind]);
            (
                None,
                names.into_iter().map(EntrantExport::Submitted).collect(),
            )
        }
    };
    ResultsExport {
        series: report.event.series.clone(),
        event: report.event.event.clone(),
        kind,
        formula,
        hidden: report.hidden,
        par_time: par.map(format_duration),
        par_time_s: par.map(seconds),
        entrants,
    }
}

fn runner(runner: &RunnerResult) -> RunnerExport {
    RunnerExport {
        name: runner.runner.clone(),
        time: runner.time.map(format_duration),
        time_s: runner.time.map(seconds),
        vod: runner.vod.as_deref().and_then(safe_link).map(String::from),
    }
}
