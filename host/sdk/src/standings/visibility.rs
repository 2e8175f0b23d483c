//! Hidden scores: while an event hides its results, only its organizers see them, until
//! every qualifier window has closed.

use chrono::{DateTime, Utc};

use crate::events::{AsyncRow, Event};

/// Whether the event's results are hidden from the public at `now`.
///
/// They are when the event hides results (`hide_results`) and at least one qualifier window
/// has not closed yet: it has not opened, it is open, or it has no start at all (it may still
/// be scheduled, and earlier results would tell its runners what to beat). A qualifier window
/// closes at its end or at the event's (possibly moved) start, `event_start`, exactly as
/// [`AsyncRow::is_open`] decides. Other async kinds (seeding, tiebreakers) do not count.
pub fn results_hidden(
    hide_results: bool,
    event: &Event,
    asyncs: &[AsyncRow],
    event_start: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    hide_results
        && asyncs
            .iter()
            .filter(|row| row.kind.is_qualifier())
            .any(|row| !window_closed(row, event, event_start, now))
}

fn window_closed(
    row: &AsyncRow,
    event: &Event,
    event_start: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    row.start.is_some_and(|start| start <= now) && !row.is_open(now, event, event_start)
}
