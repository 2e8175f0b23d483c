//! Event rankings: from every team's per-async results to placements.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::field::finish_time;
use crate::formula::{Formula, async_points};

/// One team's result in one async of the event.
#[derive(Debug, Clone, PartialEq)]
pub struct AsyncResult {
    /// Which async this is (e.g. `"qualifier"`, `"qualifier2"`, `"qualifier3"`). Results with
    /// the same label, across teams, form that async's field.
    pub kind: String,
    /// Whether the team submitted (finished or DNF). Teams that did not submit are not
    /// entrants: their time and pieces are ignored.
    pub submitted: bool,
    /// The team's time in seconds (for a multi-member team, see [`team_time`]); `None` = DNF.
    pub time_s: Option<f64>,
    /// Triforce Blitz pieces found, where the event counts them.
    pub pieces: Option<i16>,
}

/// One team and its results in the event's asyncs (at most one per kind).
#[derive(Debug, Clone, PartialEq)]
pub struct TeamResult {
    /// The team's name; the last tie-break.
    pub name: String,
    /// Results per async.
    pub per_async: Vec<AsyncResult>,
}

/// One line of an event ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedTeam {
    /// 1-based placement; teams with equal ranking keys share it (1, 2, 2, 4). `None` for a
    /// team that submitted to none of the asyncs: it is not an entrant.
    pub placement: Option<usize>,
    /// The team's name.
    pub name: String,
    /// Sum of [`Self::async_points`]; 0 under [`Formula::Time`].
    pub total_points: f64,
    /// Points per async, in the order of the team's [`TeamResult::per_async`]; 0 for a DNF, for
    /// an async not submitted, and under [`Formula::Time`].
    pub async_points: Vec<f64>,
    /// Asyncs the team finished.
    pub finished: usize,
    /// Sum of the team's times over the asyncs it finished, in seconds.
    pub summed_time_s: f64,
    /// Pieces summed over submitted asyncs; 0 unless the event counts pieces.
    pub pieces: i32,
}

/// A team's time in one async: the sum of its members' times, or `None` (DNF) when any member
/// did not finish or there are no members.
#[must_use]
pub fn team_time(member_times: &[Option<f64>]) -> Option<f64> {
    if member_times.is_empty() {
        return None;
    }
    member_times.iter().copied().sum()
}

/// Ranks an event's teams under `formula`.
///
/// Every distinct [`AsyncResult::kind`] in the input is one async of the event; its entrants
/// are the teams that submitted to it.
///
/// - [`Formula::Standard`] and [`Formula::Sgl`]: each async is scored with
///   [`async_points`](crate::async_points) and a team's total is the sum over the asyncs.
///   Order: higher total first (compared to a millionth of a point, so float noise does not
///   split a tie), then more asyncs finished, then lower summed time.
/// - [`Formula::Time`]: teams that finished more asyncs first (so DNFs come after finishers),
///   then, when `counts_pieces`, more Triforce Blitz pieces, then lower summed time over the
///   asyncs they finished. With the usual single relevant async this is: finishers by pieces
///   and time, then DNFs (by pieces when counted).
///
/// In every mode, teams that submitted nothing come last, without a placement. Teams with equal
/// keys share a placement and are listed by name (byte order).
#[must_use]
pub fn rank(formula: Formula, counts_pieces: bool, teams: Vec<TeamResult>) -> Vec<RankedTeam> {
    let points = points_by_team(formula, &teams);
    let mut ranked: Vec<RankedTeam> = teams
        .into_iter()
        .zip(points)
        .map(|(team, async_points)| summarize(team, async_points, counts_pieces))
        .collect();
    ranked.sort_by(|a, b| compare_keys(formula, a, b).then_with(|| a.name.cmp(&b.name)));
    let mut placement = 0;
    for index in 0..ranked.len() {
        let shares_previous =
            index > 0 && compare_keys(formula, &ranked[index - 1], &ranked[index]).is_eq();
        if !shares_previous {
            placement = index + 1;
        }
        let entered = ranked[index].placement.is_some();
        ranked[index].placement = entered.then_some(placement);
    }
    ranked
}

/// Points per team per async, aligned with each team's `per_async`.
fn points_by_team(formula: Formula, teams: &[TeamResult]) -> Vec<Vec<f64>> {
    let mut points: Vec<Vec<f64>> = teams
        .iter()
        .map(|team| vec![0.0; team.per_async.len()])
        .collect();
    if !formula.awards_points() {
        return points;
    }
    let mut fields: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for (team_index, team) in teams.iter().enumerate() {
        for (async_index, result) in team.per_async.iter().enumerate() {
            if result.submitted {
                fields
                    .entry(&result.kind)
                    .or_default()
                    .push((team_index, async_index));
            }
        }
    }
    for slots in fields.values() {
        let times: Vec<Option<f64>> = slots
            .iter()
            .map(|&(team, result)| teams[team].per_async[result].time_s)
            .collect();
        for (&(team, result), score) in slots.iter().zip(async_points(formula, &times)) {
            points[team][result] = score;
        }
    }
    points
}

/// Totals for one team; `placement` is `Some` (to be filled in) exactly when it entered.
fn summarize(team: TeamResult, async_points: Vec<f64>, counts_pieces: bool) -> RankedTeam {
    let submitted = || team.per_async.iter().filter(|result| result.submitted);
    let finishes: Vec<f64> = submitted()
        .filter_map(|result| finish_time(result.time_s))
        .collect();
    let pieces = if counts_pieces {
        submitted()
            .filter_map(|result| result.pieces)
            .map(i32::from)
            .sum()
    } else {
        0
    };
    let entered = submitted().next().is_some();
    let total_points = async_points.iter().sum();
    RankedTeam {
        placement: entered.then_some(0),
        name: team.name,
        total_points,
        async_points,
        finished: finishes.len(),
        summed_time_s: finishes.iter().sum(),
        pieces,
    }
}

/// Compares ranking keys (everything but the name); `Less` means `a` ranks ahead.
fn compare_keys(formula: Formula, a: &RankedTeam, b: &RankedTeam) -> Ordering {
    let entered = b.placement.is_some().cmp(&a.placement.is_some());
    let by_score = if formula.awards_points() {
        micro_points(b.total_points)
            .total_cmp(&micro_points(a.total_points))
            .then(b.finished.cmp(&a.finished))
    } else {
        b.finished.cmp(&a.finished).then(b.pieces.cmp(&a.pieces))
    };
    entered
        .then(by_score)
        .then(a.summed_time_s.total_cmp(&b.summed_time_s))
}

/// Points rounded to a millionth, so sums that differ only by float rounding tie.
fn micro_points(points: f64) -> f64 {
    (points * 1e6).round() / 1e6
}
