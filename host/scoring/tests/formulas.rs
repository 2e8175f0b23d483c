//! Hand-worked examples of each formula and of the `Formula` name.

use hourglass_scoring::{Formula, async_points, par_time, sgl, standard};

fn finishes(times: &[f64]) -> Vec<Option<f64>> {
    times.iter().copied().map(Some).collect()
}

fn assert_close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

/// Seven teams at `par` (the whole par group, so `s = 0` and no Gamble) and one more finish.
fn par_group_and(par: f64, last: f64) -> Vec<Option<f64>> {
    let mut times = vec![Some(par); 7];
    times.push(Some(last));
    times
}

#[test]
fn formula_names_round_trip() {
    for (formula, name) in [
        (Formula::Time, "time"),
        (Formula::Standard, "standard"),
        (Formula::Sgl, "sgl"),
    ] {
        assert_eq!(formula.as_str(), name);
        assert_eq!(Formula::parse(name), Some(formula));
        assert_eq!(name.parse::<Formula>(), Ok(formula));
        assert_eq!(formula.to_string(), name);
        assert_eq!(
            serde_json::to_string(&formula).expect("serializes"),
            format!("\"{name}\"")
        );
        assert_eq!(
            serde_json::from_str::<Formula>(&format!("\"{name}\"")).expect("deserializes"),
            formula
        );
    }
    assert_eq!(Formula::default(), Formula::Time);
    assert_eq!(Formula::parse("Standard"), None);
    assert!(
        "points"
            .parse::<Formula>()
            .expect_err("unknown name")
            .to_string()
            .contains("\"points\"")
    );
    assert!(serde_json::from_str::<Formula>("\"SGL\"").is_err());
}

#[test]
fn standard_lone_finisher_is_par() {
    assert_eq!(
        async_points(Formula::Standard, &[Some(4321.0), None]),
        [1000.0, 0.0]
    );
    assert_eq!(
        par_time(Formula::Standard, &[Some(4321.0), None]),
        Some(4321.0)
    );
}

#[test]
fn standard_par_group_is_the_best_seven() {
    let times = par_group_and(6000.0, 6480.0);
    assert_eq!(par_time(Formula::Standard, &times), Some(6000.0));
    let mut eight = times.clone();
    eight[7] = Some(5000.0); // now in the group; one 6000 drops out
    assert_eq!(
        par_time(Formula::Standard, &eight),
        Some((5000.0 + 6.0 * 6000.0) / 7.0)
    );
}

#[test]
fn standard_full_jet_below_two_and_a_half_hours_par() {
    // T = 6000 < 6000 + 3000: Jh = 480; d = 480: jet = 480 · 0.35 · 480 / 480 = 168.
    let points = async_points(Formula::Standard, &par_group_and(6000.0, 6480.0));
    assert_close(points[7], 1000.0 * (1.0 - (480.0 - 168.0) / 6000.0));
    assert!(points[..7].iter().all(|p| *p == 1000.0));
}

#[test]
fn standard_jet_fades_between_1h40_and_2h30_par() {
    // T = 7500: Jh = 480 · 0.5 = 240; d = 960: jet = 240 · 0.35 · 960 / 480 = 168.
    let points = async_points(Formula::Standard, &par_group_and(7500.0, 8460.0));
    assert_close(points[7], 1000.0 * (1.0 - (960.0 - 168.0) / 7500.0));
    // T = 9000: no Jet at all.
    let points = async_points(Formula::Standard, &par_group_and(9000.0, 9900.0));
    assert_close(points[7], 900.0);
}

#[test]
fn standard_gamble_in_a_spread_par_group() {
    // T = 5000, s = √(200² + 200²) = 200√2, σ = s / T ≈ 5.66 % > 3.5 %; d = 200.
    let points = async_points(Formula::Standard, &finishes(&[4800.0, 5200.0]));
    let sigma = 200.0 * 2.0_f64.sqrt() / 5000.0;
    let jet = 0.35 * 200.0;
    let gamble = 200.0 * (sigma / 0.035 - 1.0) * 0.3;
    assert_close(
        points[1],
        1000.0 * (1.0 - (200.0 - (jet + gamble)) / 5000.0),
    );
    assert_close(points[0], 1000.0 * (1.0 + 200.0 / 5000.0));
}

#[test]
fn standard_caps_and_clamps() {
    // T = 5000, s = 1000√2: Jet 350 and Gamble capped at 300, together capped at 600.
    let points = async_points(Formula::Standard, &finishes(&[4000.0, 6000.0]));
    assert_close(points[1], 920.0);
    assert_eq!(points[0], 1100.0, "1200 is clamped to 1100");
    let points = async_points(Formula::Standard, &par_group_and(1000.0, 100_000.0));
    assert_eq!(points[7], 100.0, "a finish never scores below 100");
}

#[test]
fn standard_can_reward_a_time_just_behind_par_in_a_spread_field() {
    // T = 5025 with σ ≈ 16 %: the Gamble slope 0.3 · (σ / 0.035 − 1) ≈ 1.09 alone exceeds 1,
    // so 5100 s (behind par) outscores 5000 s (ahead of par). This is the formula as defined
    // (vectors case 4 shows the same), not a bug in this crate.
    let points = async_points(
        Formula::Standard,
        &finishes(&[4000.0, 5000.0, 5100.0, 6000.0]),
    );
    assert!(points[2] > points[1], "{points:?}");
}

#[test]
fn sgl_par_group_grows_at_twenty_entrants_dnfs_included() {
    let mut times = finishes(&[1000.0, 1000.0, 1000.0, 2000.0]);
    times.extend(vec![None; 15]);
    assert_eq!(sgl::par_group_size(times.len()), 3);
    assert_eq!(par_time(Formula::Sgl, &times), Some(1000.0));
    assert_eq!(async_points(Formula::Sgl, &times)[3], 10.0);
    times.push(None);
    assert_eq!(sgl::par_group_size(times.len()), 4);
    assert_eq!(par_time(Formula::Sgl, &times), Some(1250.0));
    let points = async_points(Formula::Sgl, &times);
    assert_eq!(points[..3], [110.0, 110.0, 110.0], "120 is clamped to 110");
    assert_close(points[3], 40.0);
}

#[test]
fn sgl_points_are_a_ratio_to_par() {
    assert_eq!(sgl::points_for(1000.0, 1000.0), 100.0);
    assert_eq!(sgl::points_for(1000.0, 1500.0), 50.0);
    assert_eq!(sgl::points_for(1000.0, 1750.0), 25.0);
    assert_eq!(sgl::points_for(1000.0, 5000.0), 10.0);
    assert_eq!(sgl::points_for(1000.0, 500.0), 110.0);
    // Fewer finishers than the group size: all of them are the group.
    assert_eq!(
        par_time(Formula::Sgl, &[Some(1000.0), None, Some(2000.0)]),
        Some(1500.0)
    );
}

#[test]
fn nobody_finished_means_no_par_and_no_points() {
    for formula in Formula::ALL {
        assert_eq!(async_points(formula, &[None, None]), [0.0, 0.0]);
        assert_eq!(par_time(formula, &[None, None]), None);
        assert!(async_points(formula, &[]).is_empty());
    }
}

#[test]
fn unusable_times_count_as_dnf_but_still_enter() {
    let times = [
        Some(0.0),
        Some(f64::NAN),
        Some(-5.0),
        Some(f64::INFINITY),
        Some(1000.0),
    ];
    assert_eq!(
        async_points(Formula::Sgl, &times),
        [0.0, 0.0, 0.0, 0.0, 100.0]
    );
    assert_eq!(
        async_points(Formula::Standard, &times),
        [0.0, 0.0, 0.0, 0.0, 1000.0]
    );
}

#[test]
fn bounds_are_the_documented_ones() {
    assert_eq!(
        (standard::MIN_POINTS, standard::MAX_POINTS),
        (100.0, 1100.0)
    );
    assert_eq!((sgl::MIN_POINTS, sgl::MAX_POINTS), (10.0, 110.0));
    assert_eq!(standard::PAR_GROUP_SIZE, 7);
}
