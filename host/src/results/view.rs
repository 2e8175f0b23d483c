//! What the event page and the results pages show, made from the exports so that the pages,
//! the JSON and the CSV obey the same hidden-score rules.

use hourglass_sdk::domain::AsyncKind;

use super::chart::{Chart, Finish, NARROW, WIDE, finish_chart};
use super::export::{
    AsyncResultExport, EntrantExport, ResultsExport, Status, TeamExport, results_export,
    standings_export,
};
use super::{Access, EventReport};

/// A column heading for one async, linking to its results page.
#[derive(Debug, Clone)]
pub struct KindHead {
    pub label: &'static str,
    pub url: String,
}

/// One team's result in one async, as a table cell shows it.
#[derive(Debug, Clone)]
pub struct Cell {
    /// `finished`, `dnf`, `pending` (not submitted) or `upcoming` (not open yet).
    pub status: &'static str,
    pub time: String,
    /// Points to two decimals; empty under the time formula.
    pub points: String,
    pub pieces: String,
}

/// One ranked line of the standings table.
#[derive(Debug, Clone)]
pub struct StandingRow {
    pub placement: String,
    pub team: String,
    pub cells: Vec<Cell>,
    pub total_points: String,
    pub total_time: String,
    pub pieces: String,
}

/// A team that submitted, for the view while results are hidden: a mark per async.
#[derive(Debug, Clone)]
pub struct SubmittedRow {
    pub team: String,
    pub marks: Vec<bool>,
}

/// The standings part of the event page.
#[derive(Debug, Clone)]
pub struct StandingsView {
    /// Results are hidden from this reader: only `submitted` is filled.
    pub names_only: bool,
    /// Results are hidden from the public but shown to this reader (staff).
    pub hidden_from_public: bool,
    pub heads: Vec<KindHead>,
    pub points: bool,
    pub pieces: bool,
    pub rows: Vec<StandingRow>,
    pub submitted: Vec<SubmittedRow>,
    pub csv_url: String,
    pub json_url: String,
}

fn points_text(points: Option<f64>) -> String {
    points.map(|p| format!("{p:.2}")).unwrap_or_default()
}

fn pieces_text<T: ToString>(pieces: Option<T>) -> String {
    pieces.map(|p| p.to_string()).unwrap_or_default()
}

fn cell(result: &AsyncResultExport) -> Cell {
    let status = match result.status {
        Status::Finished => "finished",
        Status::Dnf => "dnf",
        Status::NotSubmitted => "pending",
    };
    Cell {
        status,
        time: result.time.clone().unwrap_or_default(),
        points: points_text(result.points),
        pieces: pieces_text(result.pieces),
    }
}

fn heads(report: &EventReport, kinds: &[AsyncKind]) -> Vec<KindHead> {
    kinds
        .iter()
        .map(|&kind| KindHead {
            label: kind.label(),
            url: format!("{}/results/{}", report.event.url(), kind.as_str()),
        })
        .collect()
}

impl StandingsView {
    /// The event's standings as `access` allows.
    pub fn new(report: &EventReport, access: Access) -> Self {
        let export = standings_export(report, access);
        let mut rows = Vec::new();
        let mut submitted = Vec::new();
        for team in &export.teams {
            match team {
                TeamExport::Ranked(team) => rows.push(StandingRow {
                    placement: pieces_text(team.placement),
                    team: team.name.clone(),
                    cells: team
                        .results
                        .iter()
                        .map(|result| {
                            let mut shown = cell(result);
                            if shown.status == "pending" && report.upcoming.contains(&result.kind) {
                                shown.status = "upcoming";
                            }
                            shown
                        })
                        .collect(),
                    // A team that submitted nothing has no total, not a total of zero.
                    total_points: points_text(
                        team.total_points.filter(|_| team.placement.is_some()),
                    ),
                    total_time: team.total_time.clone().unwrap_or_default(),
                    pieces: pieces_text(team.pieces),
                }),
                TeamExport::Submitted(team) => submitted.push(SubmittedRow {
                    team: team.name.clone(),
                    marks: export
                        .asyncs
                        .iter()
                        .map(|kind| team.submitted.contains(kind))
                        .collect(),
                }),
            }
        }
        Self {
            names_only: access == Access::NamesOnly,
            hidden_from_public: access
                == Access::Full {
                    hidden_from_public: true,
                },
            heads: heads(report, &export.asyncs),
            points: export.formula.awards_points(),
            pieces: export.counts_pieces,
            rows,
            submitted,
            csv_url: format!("{}/standings.csv", report.event.url()),
            json_url: format!("{}/standings.json", report.event.url()),
        }
    }
}

/// One runner on a results line.
#[derive(Debug, Clone)]
pub struct RunnerCell {
    pub name: String,
    pub time: String,
    /// Only `http(s)` links.
    pub vod: Option<String>,
}

/// One placed entrant of an async.
#[derive(Debug, Clone)]
pub struct EntrantRow {
    pub placement: String,
    pub team: String,
    pub cell: Cell,
    pub runners: Vec<RunnerCell>,
}

/// One async's results: the results page, and the tables of non-qualifier asyncs on the event
/// page.
#[derive(Debug, Clone)]
pub struct AsyncView {
    pub kind: AsyncKind,
    pub label: &'static str,
    pub url: String,
    pub json_url: String,
    pub names_only: bool,
    pub hidden_from_public: bool,
    pub points: bool,
    pub pieces: bool,
    pub rows: Vec<EntrantRow>,
    /// While results are hidden from the reader: who submitted, alphabetically.
    pub names: Vec<String>,
    pub par: Option<String>,
    pub dnf: usize,
    /// The chart for wide screens, and the same for phones (fewer ticks, larger type).
    pub chart: Option<Chart>,
    pub chart_narrow: Option<Chart>,
}

impl AsyncView {
    /// One async's results as `access` allows, from the export with its runners.
    pub fn new(report: &EventReport, export: &ResultsExport, access: Access) -> Self {
        let mut rows = Vec::new();
        let mut names = Vec::new();
        let mut finishes = Vec::new();
        let mut dnf = 0;
        for entrant in &export.entrants {
            match entrant {
                EntrantExport::Placed(entrant) => {
                    match (entrant.result.status, entrant.result.time_s) {
                        (Status::Finished, Some(seconds)) => finishes.push(Finish {
                            team: entrant.name.clone(),
                            time: chrono::TimeDelta::milliseconds((seconds * 1000.0) as i64),
                        }),
                        _ => dnf += 1,
                    }
                    rows.push(EntrantRow {
                        placement: pieces_text(entrant.placement),
                        team: entrant.name.clone(),
                        cell: cell(&entrant.result),
                        runners: entrant
                            .runners
                            .iter()
                            .map(|runner| RunnerCell {
                                name: runner.name.clone(),
                                time: runner.time.clone().unwrap_or_else(|| "DNF".into()),
                                vod: runner.vod.clone(),
                            })
                            .collect(),
                    });
                }
                EntrantExport::Submitted(entrant) => names.push(entrant.name.clone()),
            }
        }
        let par = export
            .par_time_s
            .map(|seconds| chrono::TimeDelta::milliseconds((seconds * 1000.0).round() as i64));
        let (chart, chart_narrow) = match access {
            Access::Full { .. } => (
                finish_chart(&finishes, par, dnf, WIDE),
                finish_chart(&finishes, par, dnf, NARROW),
            ),
            Access::NamesOnly => (None, None),
        };
        let url = format!("{}/results/{}", report.event.url(), export.kind.as_str());
        Self {
            kind: export.kind,
            label: export.kind.label(),
            json_url: format!("{url}.json"),
            url,
            names_only: access == Access::NamesOnly,
            hidden_from_public: access
                == Access::Full {
                    hidden_from_public: true,
                },
            points: export.formula.awards_points(),
            pieces: report.event.counts_pieces,
            rows,
            names,
            par: export.par_time.clone(),
            dnf,
            chart,
            chart_narrow,
        }
    }

    /// A non-qualifier async for the event page (no runners).
    pub fn summary(report: &EventReport, kind: AsyncKind, access: Access) -> Self {
        Self::new(report, &results_export(report, kind, &[], access), access)
    }
}
