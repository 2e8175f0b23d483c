//! The `standard` formula: points against par with Jet and Gamble allowances.
//!
//! Per async, the finish times are sorted and the *par group* is the best `k = min(7,
//! finishers)` of them: par is set by the front of the field, so a long tail of slow or
//! casual runs does not drag it. With `T` the mean of the par group:
//!
//! - `s = sqrt(Σ (tᵢ − T)² / max(1, k − 1))` over the par group (the sample standard deviation;
//!   a single finisher gives `s = 0`), and `σ = s / T` is the par group's relative spread.
//! - For a finisher with time `t`, `d = t − T` is how far behind par they are (negative when
//!   ahead).
//! - **Jet**: short seeds are unforgiving, so slower-than-par teams get an allowance that fades
//!   out as par grows: `Jh = 480 · clamp((9000 − T) / 3000, 0, 1)` (full below 1:40:00 par, none
//!   from 2:30:00), and `jet = min(480, Jh · max(0, 0.35 · d / 480))`.
//! - **Gamble**: when even the par group is spread out (`σ` above 3.5 %), the seed was a gamble
//!   and slower teams get a further allowance: `gamble = 0` when `s = 0`, otherwise
//!   `min(300, s · max(0, (d / s) · max(0, σ / 0.035 − 1) · 0.3))`.
//! - `points = clamp(1000 · (1 − (d − min(600, jet + gamble)) / T), 100, 1100)`: 1000 at par,
//!   up to 1100 for beating it, never below 100 for a finish. A DNF scores 0.
//!
//! The allowances can grow faster than `d` itself in a widely spread field (`σ` above about
//! 11 %), so there a team slightly behind par can outscore one at par; the formula is kept as
//! staff defined it.

use crate::field::{finish_time, mean, par_group, sorted_finishes};

/// Largest par group.
pub const PAR_GROUP_SIZE: usize = 7;
/// Lowest points for a finish.
pub const MIN_POINTS: f64 = 100.0;
/// Highest points for a finish.
pub const MAX_POINTS: f64 = 1100.0;

/// The par of one async under the standard formula.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Par {
    /// `T`: the mean of the par group, in seconds.
    pub mean: f64,
    /// `s`: the sample standard deviation of the par group, in seconds.
    pub spread: f64,
}

impl Par {
    /// The par of an async whose entrants are `entrants` (`None` = DNF); `None` when nobody
    /// finished.
    #[must_use]
    pub fn of(entrants: &[Option<f64>]) -> Option<Self> {
        let sorted = sorted_finishes(entrants);
        let group = par_group(&sorted, PAR_GROUP_SIZE);
        let mean = mean(group)?;
        let squares: f64 = group.iter().map(|t| (t - mean).powi(2)).sum();
        let divisor = group.len().saturating_sub(1).max(1) as f64;
        Some(Self {
            mean,
            spread: (squares / divisor).sqrt(),
        })
    }

    /// `σ = s / T`: the par group's spread relative to par.
    #[must_use]
    pub fn relative_spread(&self) -> f64 {
        self.spread / self.mean
    }

    /// Points for a finish in `time` seconds.
    #[must_use]
    pub fn points_for(&self, time: f64) -> f64 {
        let behind = time - self.mean;
        let jet_height = 480.0 * ((9000.0 - self.mean) / 3000.0).clamp(0.0, 1.0);
        let jet = (jet_height * (0.35 * behind / 480.0).max(0.0)).min(480.0);
        let gamble = if self.spread == 0.0 {
            0.0
        } else {
            let boost = (self.relative_spread() / 0.035 - 1.0).max(0.0);
            (self.spread * ((behind / self.spread) * boost * 0.3).max(0.0)).min(300.0)
        };
        let allowance = (jet + gamble).min(600.0);
        (1000.0 * (1.0 - (behind - allowance) / self.mean)).clamp(MIN_POINTS, MAX_POINTS)
    }
}

/// Standard points for each entrant, in input order (DNF = 0).
#[must_use]
pub fn points(entrants: &[Option<f64>]) -> Vec<f64> {
    let par = Par::of(entrants);
    entrants
        .iter()
        .map(|entry| match (par, finish_time(*entry)) {
            (Some(par), Some(time)) => par.points_for(time),
            _ => 0.0,
        })
        .collect()
}
