//! Event rankings. Fields are built so that every expected total can be worked by hand.

use hourglass_scoring::{AsyncResult, Formula, RankedTeam, TeamResult, rank, team_time};

/// `Some(Some(t))` = finished in `t` seconds, `Some(None)` = DNF, `None` = did not submit.
type Entry = Option<Option<f64>>;

fn result(kind: &str, entry: Entry, pieces: Option<i16>) -> AsyncResult {
    AsyncResult {
        kind: kind.to_owned(),
        submitted: entry.is_some(),
        // A stale time on a non-submission must be ignored (it would otherwise lower par).
        time_s: entry.unwrap_or(Some(1.0)),
        pieces,
    }
}

fn team(name: &str, q1: Entry, q2: Entry) -> TeamResult {
    TeamResult {
        name: name.to_owned(),
        per_async: vec![
            result("qualifier", q1, None),
            result("qualifier2", q2, None),
        ],
    }
}

fn summary(ranked: &[RankedTeam]) -> Vec<(Option<usize>, &str)> {
    ranked
        .iter()
        .map(|team| (team.placement, team.name.as_str()))
        .collect()
}

const FIN: fn(f64) -> Entry = |t| Some(Some(t));
const DNF: Entry = Some(None);
const ABSENT: Entry = None;

/// In both asyncs three pacers finish in 1000 s and nobody is faster, and there are fewer than
/// 20 entrants: SGL par is exactly 1000 s, so a finish in `t` scores `100 · (2 − t / 1000)`
/// within [10, 110].
fn sgl_event() -> Vec<TeamResult> {
    vec![
        team("Wes", FIN(1250.0), FIN(1750.0)), // 75 + 25 = 100, 2 finished, 3000 s
        team("Nia", ABSENT, ABSENT),
        team("pacer-2", FIN(1000.0), FIN(1000.0)), // 200
        team("Xan", FIN(1000.0), FIN(9000.0)),     // 100 + 10 = 110, 2 finished, 10000 s
        team("Dee", DNF, DNF),                     // 0, entered
        team("Vic", FIN(1000.0), DNF),             // 100, 1 finished, 1000 s
        team("Bea", FIN(1500.0), FIN(1500.0)),     // 50 + 50 = 100, 2 finished, 3000 s
        team("pacer-3", FIN(1000.0), FIN(1000.0)),
        team("Uma", FIN(1000.0), FIN(5000.0)), // 100 + 10 = 110, 2 finished, 6000 s
        team("Ned", ABSENT, ABSENT),
        team("Abe", FIN(1500.0), FIN(1500.0)),
        team("pacer-1", FIN(1000.0), FIN(1000.0)),
    ]
}

#[test]
fn ties_go_to_more_finished_then_lower_time_then_share_a_placement() {
    let ranked = rank(Formula::Sgl, false, sgl_event());
    assert_eq!(
        summary(&ranked),
        [
            (Some(1), "pacer-1"),
            (Some(1), "pacer-2"),
            (Some(1), "pacer-3"),
            (Some(4), "Uma"), // 110 like Xan, lower summed time
            (Some(5), "Xan"),
            (Some(6), "Abe"), // 100 with 2 finished and 3000 s: a shared placement
            (Some(6), "Bea"),
            (Some(6), "Wes"),
            (Some(9), "Vic"), // 100 too, but only 1 finished
            (Some(10), "Dee"),
            (None, "Ned"), // submitted nothing: last, by name, not placed
            (None, "Nia"),
        ]
    );
    let wes = ranked
        .iter()
        .find(|team| team.name == "Wes")
        .expect("Wes is ranked");
    assert_eq!(wes.async_points, [75.0, 25.0]);
    assert_eq!(
        (wes.total_points, wes.finished, wes.summed_time_s),
        (100.0, 2, 3000.0)
    );
    let vic = ranked
        .iter()
        .find(|team| team.name == "Vic")
        .expect("Vic is ranked");
    assert_eq!(
        (vic.async_points.as_slice(), vic.finished),
        ([100.0, 0.0].as_slice(), 1)
    );
}

#[test]
fn input_order_does_not_change_the_ranking() {
    let mut reversed = sgl_event();
    reversed.reverse();
    assert_eq!(
        rank(Formula::Sgl, false, reversed),
        rank(Formula::Sgl, false, sgl_event())
    );
}

#[test]
fn standard_totals_sum_the_asyncs() {
    // Each async alone: a lone finisher is par (1000); Ann finishes both.
    let teams = vec![
        team("Bob", FIN(4000.0), ABSENT),
        team("Ann", FIN(3000.0), FIN(7000.0)),
        team("Cat", ABSENT, DNF),
    ];
    let ranked = rank(Formula::Standard, false, teams);
    assert_eq!(
        summary(&ranked),
        [(Some(1), "Ann"), (Some(2), "Bob"), (Some(3), "Cat")]
    );
    // q1: T = 3500, s = 500√2, σ ≈ 20 %. Ann (d = −500) would score 1142.9: clamped to 1100.
    // Bob (d = 500): Jet 0.35 · 500 = 175, Gamble capped at 300, so d − 475 = 25 counts.
    // q2: Ann alone finished, so she is par: 1000. Cat's DNF scores 0.
    assert_eq!(ranked[0].async_points, [1100.0, 1000.0]);
    assert_eq!(ranked[0].total_points, 2100.0);
    assert!((ranked[1].total_points - 1000.0 * (1.0 - 25.0 / 3500.0)).abs() < 1e-9);
    assert_eq!((ranked[2].total_points, ranked[2].finished), (0.0, 0));
}

fn time_team(name: &str, entry: Entry, pieces: Option<i16>) -> TeamResult {
    TeamResult {
        name: name.to_owned(),
        per_async: vec![result("qualifier", entry, pieces)],
    }
}

fn time_event() -> Vec<TeamResult> {
    vec![
        time_team("Eve", DNF, Some(0)),
        time_team("Ann", FIN(5000.0), Some(2)),
        time_team("Fay", ABSENT, Some(3)),
        time_team("Bob", FIN(4000.0), Some(1)),
        time_team("Dan", DNF, Some(3)),
        time_team("Gus", FIN(5000.0), Some(2)),
        time_team("Cat", FIN(6000.0), Some(2)),
    ]
}

#[test]
fn time_mode_ranks_finishers_by_time_then_dnfs_then_absentees() {
    let ranked = rank(Formula::Time, false, time_event());
    assert_eq!(
        summary(&ranked),
        [
            (Some(1), "Bob"),
            (Some(2), "Ann"),
            (Some(2), "Gus"),
            (Some(4), "Cat"),
            (Some(5), "Dan"),
            (Some(5), "Eve"),
            (None, "Fay"),
        ]
    );
    assert!(
        ranked
            .iter()
            .all(|team| team.total_points == 0.0 && team.pieces == 0)
    );
}

#[test]
fn time_mode_counts_pieces_first_among_finishers() {
    let ranked = rank(Formula::Time, true, time_event());
    assert_eq!(
        summary(&ranked),
        [
            (Some(1), "Ann"),
            (Some(1), "Gus"),
            (Some(3), "Cat"), // 2 pieces beats Bob's 1 despite the slower time
            (Some(4), "Bob"),
            (Some(5), "Dan"), // DNFs after every finisher, by pieces
            (Some(6), "Eve"),
            (None, "Fay"),
        ]
    );
    assert_eq!(ranked[4].pieces, 3);
}

#[test]
fn time_mode_over_several_asyncs_puts_more_finishes_first() {
    let teams = vec![
        team("Ann", FIN(3000.0), DNF),
        team("Bob", FIN(4000.0), FIN(4000.0)),
    ];
    let ranked = rank(Formula::Time, false, teams);
    assert_eq!(summary(&ranked), [(Some(1), "Bob"), (Some(2), "Ann")]);
    assert_eq!(
        (ranked[0].summed_time_s, ranked[1].summed_time_s),
        (8000.0, 3000.0)
    );
}

#[test]
fn team_time_is_the_sum_of_member_times() {
    assert_eq!(team_time(&[Some(3000.0), Some(3600.0)]), Some(6600.0));
    assert_eq!(team_time(&[Some(3000.0), None]), None);
    assert_eq!(team_time(&[]), None);
}

#[test]
fn an_empty_event_ranks_nobody() {
    assert!(rank(Formula::Sgl, true, Vec::new()).is_empty());
}
