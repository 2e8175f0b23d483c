//! The [`Formula`] choice and the per-async entry points that dispatch on it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{sgl, standard};

/// How an event ranks its qualifier results. Stored and exchanged as `"time"`, `"standard"`
/// or `"sgl"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Formula {
    /// Rank by time: a team's time is the sum of its members' times; where the event counts
    /// Triforce Blitz pieces, more pieces rank first; DNFs after finishers; teams that did not
    /// submit last. Awards no points.
    #[default]
    Time,
    /// Points against the mean of the best (up to) seven finishers, with Jet and Gamble
    /// allowances; see [`standard`].
    Standard,
    /// Points as a ratio to the mean of the best three (four from 20 entrants) finishers; see
    /// [`sgl`].
    Sgl,
}

impl Formula {
    /// Every formula, in the order staff see them.
    pub const ALL: [Self; 3] = [Self::Time, Self::Standard, Self::Sgl];

    /// The formula named exactly `"time"`, `"standard"` or `"sgl"`.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|formula| formula.as_str() == name)
    }

    /// The stored name: `"time"`, `"standard"` or `"sgl"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Time => "time",
            Self::Standard => "standard",
            Self::Sgl => "sgl",
        }
    }

    /// Whether this formula awards points (otherwise the ranking is by time).
    #[must_use]
    pub const fn awards_points(self) -> bool {
        !matches!(self, Self::Time)
    }
}

impl fmt::Display for Formula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A formula name that is not `"time"`, `"standard"` or `"sgl"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormula(pub String);

impl fmt::Display for UnknownFormula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown scoring formula {:?} (expected time, standard or sgl)",
            self.0
        )
    }
}

impl std::error::Error for UnknownFormula {}

impl FromStr for Formula {
    type Err = UnknownFormula;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::parse(name).ok_or_else(|| UnknownFormula(name.to_owned()))
    }
}

/// Points for each entrant of one async, in input order.
///
/// `entrants` lists every team that submitted to the async: `Some(seconds)` for a finish,
/// `None` for a DNF. A DNF scores 0. The order of `entrants` does not matter: permuting the
/// input permutes the output the same way.
///
/// [`Formula::Time`] awards no points, so every entrant gets 0; rank time events with [`rank`]
/// instead. An async nobody finished has no par, so everyone scores 0 there too.
///
/// [`rank`]: crate::rank
#[must_use]
pub fn async_points(formula: Formula, entrants: &[Option<f64>]) -> Vec<f64> {
    match formula {
        Formula::Time => vec![0.0; entrants.len()],
        Formula::Standard => standard::points(entrants),
        Formula::Sgl => sgl::points(entrants),
    }
}

/// The par time of one async under `formula`, in seconds, to draw a par line on a chart.
///
/// This is `T` for [`Formula::Standard`] and the par for [`Formula::Sgl`]: the mean of the par
/// group. `None` for [`Formula::Time`] (no par) and when nobody finished.
#[must_use]
pub fn par_time(formula: Formula, entrants: &[Option<f64>]) -> Option<f64> {
    match formula {
        Formula::Time => None,
        Formula::Standard => standard::Par::of(entrants).map(|par| par.mean),
        Formula::Sgl => sgl::par(entrants),
    }
}
