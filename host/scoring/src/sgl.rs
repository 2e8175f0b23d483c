//! The `sgl` formula: points as a straight ratio to par.
//!
//! Per async, the *par group* is the best `n` finish times, with `n = 4` when the async has 20
//! or more entrants and `n = 3` otherwise (entrants count every team that submitted, DNFs
//! included; when fewer than `n` finished, all finishers form the group). Par is the group's
//! mean, and a finish in `t` seconds scores `clamp(100 · (2 − t / par), 10, 110)`: 100 at par,
//! one point less per percent behind it, at most 110 and at least 10 for a finish. A DNF
//! scores 0.

use crate::field::{finish_time, mean, par_group, sorted_finishes};

/// Entrants from which the par group grows from three to four.
pub const LARGE_FIELD: usize = 20;
/// Lowest points for a finish.
pub const MIN_POINTS: f64 = 10.0;
/// Highest points for a finish.
pub const MAX_POINTS: f64 = 110.0;

/// The par group size for an async with `entrants` entrants (DNFs included).
#[must_use]
pub const fn par_group_size(entrants: usize) -> usize {
    if entrants >= LARGE_FIELD { 4 } else { 3 }
}

/// Par in seconds: the mean of the par group; `None` when nobody finished.
#[must_use]
pub fn par(entrants: &[Option<f64>]) -> Option<f64> {
    let sorted = sorted_finishes(entrants);
    mean(par_group(&sorted, par_group_size(entrants.len())))
}

/// Points for a finish in `time` seconds against `par` seconds.
#[must_use]
pub fn points_for(par: f64, time: f64) -> f64 {
    (100.0 * (2.0 - time / par)).clamp(MIN_POINTS, MAX_POINTS)
}

/// SGL points for each entrant, in input order (DNF = 0).
#[must_use]
pub fn points(entrants: &[Option<f64>]) -> Vec<f64> {
    let par = par(entrants);
    entrants
        .iter()
        .map(|entry| match (par, finish_time(*entry)) {
            (Some(par), Some(time)) => points_for(par, time),
            _ => 0.0,
        })
        .collect()
}
