//! Qualifier scoring for Hourglass: how an event turns async results into a ranking.
//!
//! Tournament staff pick one [`Formula`] per event:
//!
//! - [`Formula::Time`] (the default) ranks teams by their time; there are no points.
//! - [`Formula::Standard`] awards each finisher points against a *par time* taken from the best
//!   finishers of the async, with "Jet" and "Gamble" allowances for slower asyncs and spread-out
//!   fields (see [`standard`]).
//! - [`Formula::Sgl`] awards points as a straight ratio to par, the SGL way (see [`sgl`]).
//!
//! Everything here is a pure function: no I/O, no clock, no database. Times are seconds as
//! `f64` (whole seconds in practice). Within one async the *entrants* are the teams that
//! submitted, finished or not; a DNF is `None` and scores 0. Teams that did not submit are not
//! entrants at all: they do not count towards par group sizes.
//!
//! [`rank`] builds an event ranking from per-async results, and [`score_csv`] scores a pasted
//! `name,h:mm:ss` list for staff "what if" questions.
//!
//! ```
//! use hourglass_scoring::{Formula, async_points, par_time};
//!
//! // Three teams finish in 1:00:00, one in 1:30:00, one does not finish.
//! let field = [Some(3600.0), Some(3600.0), Some(3600.0), Some(5400.0), None];
//! assert_eq!(par_time(Formula::Sgl, &field), Some(3600.0));
//! assert_eq!(async_points(Formula::Sgl, &field), [100.0, 100.0, 100.0, 50.0, 0.0]);
//! ```

mod csv;
mod field;
mod formula;
mod ranking;
pub mod sgl;
pub mod standard;

pub use csv::{CsvError, CsvErrorKind, ScoredLine, parse_hms, score_csv};
pub use formula::{Formula, UnknownFormula, async_points, par_time};
pub use ranking::{AsyncResult, RankedTeam, TeamResult, rank, team_time};
