//! Properties every field must satisfy, checked with proptest.

use hourglass_scoring::standard::Par;
use hourglass_scoring::{Formula, async_points, par_time, sgl, standard};
use proptest::prelude::*;

/// Above this relative spread σ the standard allowances (Jet slope ≤ 0.35, Gamble slope
/// 0.3 · (σ / 0.035 − 1)) can grow faster than the time behind par, so a slower finish may
/// score more; 0.035 · 19 / 6 ≈ 0.1108 is where their slopes sum to 1.
const MONOTONE_SPREAD: f64 = 0.11;

fn to_times(field: Vec<Option<u32>>) -> Vec<Option<f64>> {
    field.into_iter().map(|time| time.map(f64::from)).collect()
}

/// Any async: 1 to 45 entrants, about one in six a DNF, 10 minutes to 5.5 hours.
fn field() -> impl Strategy<Value = Vec<Option<f64>>> {
    prop::collection::vec(prop::option::weighted(0.85, 600_u32..20_000), 1..45).prop_map(to_times)
}

/// An async whose finishes lie within 10 % of the fastest possible one, so σ stays below 0.071.
fn tight_field() -> impl Strategy<Value = Vec<Option<f64>>> {
    (1800_u32..10_000).prop_flat_map(|base| {
        prop::collection::vec(prop::option::weighted(0.85, base..=base + base / 10), 1..45)
            .prop_map(to_times)
    })
}

/// Asserts that, among the finishers for which `include` holds, a slower time never earns more
/// points and equal times earn equal points.
fn assert_monotone(
    times: &[Option<f64>],
    points: &[f64],
    include: impl Fn(f64) -> bool,
) -> Result<(), TestCaseError> {
    let finishes: Vec<(f64, f64)> = times
        .iter()
        .zip(points)
        .filter_map(|(time, points)| time.filter(|t| include(*t)).map(|t| (t, *points)))
        .collect();
    for &(time_a, points_a) in &finishes {
        for &(time_b, points_b) in &finishes {
            if time_a == time_b {
                prop_assert_eq!(
                    points_a,
                    points_b,
                    "equal times {} scored differently",
                    time_a
                );
            } else if time_a < time_b {
                prop_assert!(
                    points_b <= points_a + 1e-9,
                    "{time_b} s scored {points_b} > {points_a} for {time_a} s in {times:?}"
                );
            }
        }
    }
    Ok(())
}

fn assert_bounds(
    times: &[Option<f64>],
    points: &[f64],
    low: f64,
    high: f64,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(times.len(), points.len());
    for (time, points) in times.iter().zip(points) {
        match time {
            None => prop_assert_eq!(*points, 0.0, "a DNF scores 0"),
            Some(_) => prop_assert!((low..=high).contains(points), "{points} outside bounds"),
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn sgl_slower_never_scores_more(times in field()) {
        assert_monotone(&times, &async_points(Formula::Sgl, &times), |_| true)?;
    }

    #[test]
    fn standard_slower_never_scores_more_in_a_tight_field(times in tight_field()) {
        if let Some(par) = Par::of(&times) {
            prop_assert!(par.relative_spread() < MONOTONE_SPREAD);
        }
        assert_monotone(&times, &async_points(Formula::Standard, &times), |_| true)?;
    }

    #[test]
    fn standard_slower_never_scores_more_when_spread_allows(times in field()) {
        let points = async_points(Formula::Standard, &times);
        match Par::of(&times) {
            Some(par) if par.relative_spread() < MONOTONE_SPREAD => {
                assert_monotone(&times, &points, |_| true)?;
            }
            // Without allowances (at or ahead of par) the order always holds.
            Some(par) => assert_monotone(&times, &points, |t| t <= par.mean)?,
            None => prop_assert!(points.iter().all(|p| *p == 0.0)),
        }
    }

    #[test]
    fn points_stay_within_bounds_and_dnf_scores_zero(times in field()) {
        let standard_points = async_points(Formula::Standard, &times);
        assert_bounds(&times, &standard_points, standard::MIN_POINTS, standard::MAX_POINTS)?;
        let sgl_points = async_points(Formula::Sgl, &times);
        assert_bounds(&times, &sgl_points, sgl::MIN_POINTS, sgl::MAX_POINTS)?;
    }

    #[test]
    fn permuting_entrants_permutes_points(
        (times, order) in field().prop_flat_map(|times| {
            let order: Vec<usize> = (0..times.len()).collect();
            (Just(times), Just(order).prop_shuffle())
        })
    ) {
        let permuted: Vec<Option<f64>> = order.iter().map(|&i| times[i]).collect();
        for formula in Formula::ALL {
            let points = async_points(formula, &times);
            let permuted_points = async_points(formula, &permuted);
            for (position, &original) in order.iter().enumerate() {
                prop_assert_eq!(permuted_points[position], points[original]);
            }
            prop_assert_eq!(par_time(formula, &permuted), par_time(formula, &times));
        }
    }

    #[test]
    fn time_formula_awards_no_points(times in field()) {
        prop_assert!(async_points(Formula::Time, &times).iter().all(|p| *p == 0.0));
        prop_assert_eq!(par_time(Formula::Time, &times), None);
    }

    #[test]
    fn par_lies_within_the_finishes(times in field()) {
        let finishes: Vec<f64> = times.iter().flatten().copied().collect();
        for formula in [Formula::Standard, Formula::Sgl] {
            match par_time(formula, &times) {
                None => prop_assert!(finishes.is_empty()),
                Some(par) => {
                    let fastest = finishes.iter().copied().fold(f64::INFINITY, f64::min);
                    let slowest = finishes.iter().copied().fold(0.0, f64::max);
                    prop_assert!(fastest <= par && par <= slowest);
                }
            }
        }
    }
}
