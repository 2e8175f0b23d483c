//! The picture of one async's field, drawn by the server as SVG: finish times along a time
//! axis with `h:mm` labels, one dot per team stacked where times are close (a histogram once
//! the stacks grow tall), and the par time as a dashed line under a points formula.
//!
//! This module only computes the geometry; `templates/results_chart.svg` draws it, escaping
//! every text.

use chrono::TimeDelta;

use hourglass_sdk::duration::format_duration;

mod histogram;
#[cfg(test)]
mod tests;

use histogram::{Bins, histogram};

/// Width of the drawing for wide screens, in SVG units (pixels at scale 1).
pub const WIDE: f64 = 640.0;
/// Width of the drawing for phones.
pub const NARROW: f64 = 340.0;
/// Room left and right of the axis for the end labels.
const MARGIN: f64 = 22.0;
/// Room above the plot for the par label.
const TOP: f64 = 30.0;
/// Room below the axis for the tick labels.
const BOTTOM: f64 = 30.0;
const RADIUS: f64 = 5.0;
const PITCH: f64 = 2.0 * RADIUS + 1.0;
/// Stacks taller than this turn the dots into a histogram.
const MAX_STACK: usize = 12;
const BAR_WIDTH: f64 = 8.0;
const BAR_AREA: f64 = 120.0;
/// Tick steps to choose from, in seconds.
const STEPS: [i64; 13] = [
    60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
];
/// Room each tick label needs, so labels never overlap.
const TICK_ROOM: f64 = 56.0;

/// One finisher to draw.
#[derive(Debug, Clone)]
pub struct Finish {
    pub team: String,
    pub time: TimeDelta,
}

/// Everything the SVG template draws.
#[derive(Debug, Clone)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub axis_y: f64,
    pub radius: f64,
    pub ticks: Vec<Tick>,
    pub dots: Vec<Dot>,
    pub bars: Vec<Bar>,
    pub par: Option<ParMark>,
    /// One sentence saying what the chart shows, for screen readers and as its title.
    pub summary: String,
}

/// A labelled tick on the time axis.
#[derive(Debug, Clone)]
pub struct Tick {
    pub x: f64,
    pub label: String,
}

/// One team's finish.
#[derive(Debug, Clone)]
pub struct Dot {
    pub x: f64,
    pub y: f64,
    /// Team and time, shown on hover.
    pub title: String,
}

/// One histogram bin.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Teams in the bin.
    pub count: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub title: String,
}

/// The par line and its label.
#[derive(Debug, Clone)]
pub struct ParMark {
    pub x: f64,
    pub label: String,
    pub label_x: f64,
    /// `start`, `middle` or `end`, so the label stays inside the drawing.
    pub anchor: &'static str,
}

fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

fn secs(time: TimeDelta) -> f64 {
    time.num_milliseconds() as f64 / 1000.0
}

/// `h:mm` for an axis label.
fn hours_minutes(seconds: i64) -> String {
    format!("{}:{:02}", seconds / 3600, seconds / 60 % 60)
}

/// The axis from `lo` to `hi` seconds, rounded out to whole steps: (start, end, step).
fn axis(lo: f64, hi: f64, max_ticks: i64) -> (i64, i64, i64) {
    let span = (hi - lo).max(600.0);
    let middle = (lo + hi) / 2.0;
    let (lo, hi) = (lo.min(middle - span / 2.0), hi.max(middle + span / 2.0));
    for step in STEPS {
        let start = (lo / step as f64).floor() as i64 * step;
        let end = (hi / step as f64).ceil() as i64 * step;
        if (end - start) / step <= max_ticks || step == STEPS[STEPS.len() - 1] {
            return (start.max(0), end.max(start.max(0) + step), step);
        }
    }
    (0, 86400, 86400)
}

/// The chart of one async, `width` units wide (see [`WIDE`] and [`NARROW`]); `None` when nobody
/// finished. `dnf` counts the entrants who did not.
pub fn finish_chart(
    finishes: &[Finish],
    par: Option<TimeDelta>,
    dnf: usize,
    width: f64,
) -> Option<Chart> {
    let (left, right) = (MARGIN, width - MARGIN);
    let mut sorted: Vec<&Finish> = finishes.iter().collect();
    sorted.sort_by_key(|finish| finish.time);
    let (first, last) = (sorted.first()?, sorted.last()?);
    let par_s = par.map(secs);
    let lo = secs(first.time).min(par_s.unwrap_or(f64::MAX));
    let hi = secs(last.time).max(par_s.unwrap_or(f64::MIN));
    let max_ticks = (((right - left) / TICK_ROOM).floor() as i64).max(2);
    let (start, end, step) = axis(lo, hi, max_ticks);
    let x_of =
        |seconds: f64| left + (seconds - start as f64) / (end - start) as f64 * (right - left);

    let columns = ((right - left) / PITCH).floor() as usize;
    let mut stacks = vec![0_usize; columns + 1];
    let mut placed = Vec::with_capacity(sorted.len());
    for finish in &sorted {
        let column = (((x_of(secs(finish.time)) - left) / PITCH) as usize).min(columns);
        placed.push((column, stacks[column], *finish));
        stacks[column] += 1;
    }
    let tallest = stacks.iter().copied().max().unwrap_or(0);

    let (plot_height, dots, bars) = if tallest <= MAX_STACK {
        let height = (tallest as f64 * PITCH + 6.0).max(56.0);
        let axis_y = TOP + height;
        let dots = placed
            .iter()
            .map(|&(column, level, finish)| Dot {
                x: round(left + (column as f64 + 0.5) * PITCH),
                y: round(axis_y - RADIUS - 3.0 - level as f64 * PITCH),
                title: format!("{} {}", finish.team, format_duration(finish.time)),
            })
            .collect();
        (height, dots, Vec::new())
    } else {
        let bins = Bins {
            left,
            count: ((right - left) / BAR_WIDTH).floor() as usize,
            start,
            end,
        };
        (BAR_AREA, Vec::new(), histogram(&sorted, x_of, &bins))
    };
    let axis_y = TOP + plot_height;

    let ticks = (0..=(end - start) / step)
        .map(|index| {
            let seconds = start + index * step;
            Tick {
                x: round(x_of(seconds as f64)),
                label: hours_minutes(seconds),
            }
        })
        .collect();
    let par = par.map(|par| {
        let x = round(x_of(secs(par)));
        let (anchor, label_x) = if x < left + 45.0 {
            ("start", (x - 4.0).max(2.0))
        } else if x > right - 45.0 {
            ("end", (x + 4.0).min(width - 2.0))
        } else {
            ("middle", x)
        };
        ParMark {
            x,
            label: format!("par {}", format_duration(par)),
            label_x,
            anchor,
        }
    });
    let mut summary = format!(
        "Finish times of {} team{}, from {} to {}",
        sorted.len(),
        if sorted.len() == 1 { "" } else { "s" },
        format_duration(first.time),
        format_duration(last.time),
    );
    if let Some(par) = &par {
        summary.push_str(&format!("; {}", par.label));
    }
    if dnf > 0 {
        summary.push_str(&format!("; {dnf} did not finish"));
    }
    if let Some(tallest) = bars.iter().map(|bar| bar.count).max() {
        summary.push_str(&format!("; the tallest bar holds {tallest} teams"));
    }
    summary.push('.');

    Some(Chart {
        width,
        height: axis_y + BOTTOM,
        left,
        right,
        top: TOP,
        axis_y,
        radius: RADIUS,
        ticks,
        dots,
        bars,
        par,
        summary,
    })
}
