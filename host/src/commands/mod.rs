//! The staff commands beside `serve`: what-if scoring and printing standings. Each prints its
//! own output and errors and returns the process exit code (2 for bad input), so `main` only
//! dispatches.

pub mod score;
pub mod standings;

/// Exit code for input that cannot be used (a bad line, an unknown event).
pub const BAD_INPUT: u8 = 2;
