//! The histogram a large field is drawn as.

use chrono::TimeDelta;

use hourglass_sdk::duration::format_duration;

use super::{BAR_AREA, BAR_WIDTH, Bar, Finish, TOP, round, secs};

/// The histogram's bins: `count` bins of `BAR_WIDTH` units from `left`, covering the axis
/// from `start` to `end` seconds.
pub(super) struct Bins {
    pub left: f64,
    pub count: usize,
    pub start: i64,
    pub end: i64,
}

/// Bars over the axis, as tall as their share of the fullest bin.
pub(super) fn histogram(sorted: &[&Finish], x_of: impl Fn(f64) -> f64, bins: &Bins) -> Vec<Bar> {
    let mut counts = vec![0_usize; bins.count];
    for finish in sorted {
        let bin = ((x_of(secs(finish.time)) - bins.left) / BAR_WIDTH) as usize;
        counts[bin.min(bins.count - 1)] += 1;
    }
    let fullest = counts.iter().copied().max().unwrap_or(1).max(1);
    let seconds_per_bin = (bins.end - bins.start) as f64 / bins.count as f64;
    counts
        .iter()
        .enumerate()
        .filter(|(_, count)| **count > 0)
        .map(|(bin, &count)| {
            let height = (count as f64 / fullest as f64 * (BAR_AREA - 6.0)).max(2.0);
            let from = bins.start as f64 + bin as f64 * seconds_per_bin;
            Bar {
                count,
                x: round(bins.left + bin as f64 * BAR_WIDTH + 0.5),
                y: round(TOP + BAR_AREA - height),
                width: BAR_WIDTH - 1.0,
                height: round(height),
                title: format!(
                    "{count} team{} from {}",
                    if count == 1 { "" } else { "s" },
                    format_duration(TimeDelta::seconds(from as i64))
                ),
            }
        })
        .collect()
}
