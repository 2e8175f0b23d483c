//! The shape of one async's field, shared by the point formulas.

/// A finish time, if the entry is a usable one.
///
/// A time that is not a finite number above zero cannot be scored against par (it would divide
/// by zero or poison every mean), so it counts as a DNF.
pub(crate) fn finish_time(entry: Option<f64>) -> Option<f64> {
    entry.filter(|t| t.is_finite() && *t > 0.0)
}

/// The finish times of an async, fastest first.
pub(crate) fn sorted_finishes(entrants: &[Option<f64>]) -> Vec<f64> {
    let mut finishes: Vec<f64> = entrants.iter().copied().filter_map(finish_time).collect();
    finishes.sort_by(f64::total_cmp);
    finishes
}

/// The best `size` finishes (or all of them when fewer finished), fastest first.
pub(crate) fn par_group(sorted: &[f64], size: usize) -> &[f64] {
    &sorted[..size.min(sorted.len())]
}

/// Arithmetic mean, summed fastest first so the result does not depend on input order.
pub(crate) fn mean(times: &[f64]) -> Option<f64> {
    if times.is_empty() {
        return None;
    }
    Some(times.iter().sum::<f64>() / times.len() as f64)
}
