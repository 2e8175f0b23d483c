use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use sqlx::postgres::types::PgInterval;

use super::*;
use crate::events::{AsyncRow, Event};

const Q1: AsyncKind = AsyncKind::Qualifier;
const Q2: AsyncKind = AsyncKind::Qualifier2;

fn mins(m: i64) -> Outcome {
    Outcome::Finished(TimeDelta::minutes(m))
}

fn team(id: i64, name: &str, results: &[(AsyncKind, Outcome, Option<i16>)]) -> TeamResults {
    TeamResults {
        team_id: id,
        team_name: name.into(),
        results: results
            .iter()
            .map(|(kind, outcome, pieces)| TeamAsyncResult {
                kind: *kind,
                outcome: outcome.clone(),
                pieces: *pieces,
            })
            .collect(),
    }
}

fn names(standings: &EventStandings) -> Vec<&str> {
    standings
        .lines
        .iter()
        .map(|line| line.team_name.as_str())
        .collect()
}

fn placements(standings: &EventStandings) -> Vec<Option<usize>> {
    standings.lines.iter().map(|line| line.placement).collect()
}

#[test]
fn time_mode_finishers_then_dnf_then_not_submitted() {
    let results = EventResults {
        teams: vec![
            team(1, "Zelda", &[]),
            team(2, "Link", &[(Q1, Outcome::Dnf, None)]),
            team(3, "Impa", &[(Q1, mins(90), None)]),
            team(4, "Epona", &[(Q1, mins(80), None)]),
            team(5, "Navi", &[(Q1, mins(90), None)]),
        ],
    };
    let standings = results.standings(Formula::Time, false, &[Q1]);
    assert_eq!(
        names(&standings),
        ["Epona", "Impa", "Navi", "Link", "Zelda"]
    );
    assert_eq!(
        placements(&standings),
        [Some(1), Some(2), Some(2), Some(4), None]
    );
    assert_eq!(standings.lines[1].total_time, TimeDelta::minutes(90));
    assert_eq!(
        standings.lines[4].per_async[0].outcome,
        Outcome::NotSubmitted
    );
}

#[test]
fn more_pieces_first_when_counted() {
    let results = EventResults {
        teams: vec![
            team(1, "Fast", &[(Q1, mins(60), Some(2))]),
            team(2, "Thorough", &[(Q1, mins(90), Some(3))]),
        ],
    };
    let counted = results.standings(Formula::Time, true, &[Q1]);
    assert_eq!(names(&counted), ["Thorough", "Fast"]);
    let ignored = results.standings(Formula::Time, false, &[Q1]);
    assert_eq!(names(&ignored), ["Fast", "Thorough"]);
}

#[test]
fn points_modes_sum_over_the_qualifiers() {
    // SGL: par of Q1 is 60 min (three finishers at 60), of Q2 the mean of 60, 60, 90 = 70:
    // 60 min there earns the 110 cap, 90 min earns 100 · (2 − 90/70).
    let results = EventResults {
        teams: vec![
            team(1, "A", &[(Q1, mins(60), None), (Q2, mins(90), None)]),
            team(2, "B", &[(Q1, mins(60), None), (Q2, mins(60), None)]),
            team(3, "C", &[(Q1, mins(60), None), (Q2, Outcome::Dnf, None)]),
            team(4, "D", &[(Q2, mins(60), None)]),
        ],
    };
    let standings = results.standings(Formula::Sgl, false, &[Q1, Q2]);
    assert_eq!(names(&standings), ["B", "A", "D", "C"]);
    let b = &standings.lines[0];
    assert!((b.total_points - 210.0).abs() < 1e-9, "{}", b.total_points);
    let a = &standings.lines[1];
    assert!((a.per_async[1].points - 100.0 * (2.0 - 90.0 / 70.0)).abs() < 1e-9);
    assert!((standings.lines[2].total_points - 110.0).abs() < 1e-9);
    let c = &standings.lines[3];
    assert_eq!(c.per_async[1].outcome, Outcome::Dnf);
    assert!(c.per_async[1].points.abs() < f64::EPSILON, "a DNF scores 0");
    assert_eq!(c.finished, 1);
    assert_eq!(
        results.par_time(Formula::Sgl, Q2),
        Some(TimeDelta::minutes(70))
    );
    assert_eq!(results.par_time(Formula::Time, Q2), None);
}

#[test]
fn an_async_is_placed_by_time_and_equal_times_share() {
    let results = EventResults {
        teams: vec![
            team(1, "Slow", &[(Q1, mins(90), None)]),
            team(2, "Tied b", &[(Q1, mins(70), None)]),
            team(3, "Tied a", &[(Q1, mins(70), None)]),
            team(4, "Gone", &[(Q1, Outcome::Dnf, None)]),
            team(5, "Absent", &[]),
        ],
    };
    let standings = results.async_standings(Formula::Standard, false, Q1);
    assert_eq!(names(&standings), ["Tied a", "Tied b", "Slow", "Gone"]);
    assert_eq!(placements(&standings), [Some(1), Some(1), Some(3), Some(4)]);
    assert!(standings.lines[0].per_async[0].points > standings.lines[2].per_async[0].points);
    assert!(standings.lines[3].per_async[0].points.abs() < f64::EPSILON);
}

#[test]
fn submitters_are_alphabetical_and_only_those_who_submitted() {
    let results = EventResults {
        teams: vec![
            team(1, "zeta fastest", &[(Q1, mins(10), None)]),
            team(2, "Alpha", &[(Q1, mins(99), None)]),
            team(3, "beta", &[(Q2, Outcome::Dnf, None)]),
            team(4, "Nobody", &[(Q1, Outcome::NotSubmitted, None)]),
        ],
    };
    let submitters = results.submitters(&[Q1, Q2]);
    let listed: Vec<_> = submitters.iter().map(|s| s.team_name.as_str()).collect();
    assert_eq!(listed, ["Alpha", "beta", "zeta fastest"]);
    assert_eq!(submitters[1].submitted, [false, true]);
}

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, day, hour, 0, 0)
        .single()
        .expect("valid date")
}

fn qualifier(kind: AsyncKind, start: Option<DateTime<Utc>>, end: DateTime<Utc>) -> AsyncRow {
    AsyncRow {
        kind,
        start,
        end_time: Some(end),
        max_delay: PgInterval {
            months: 0,
            days: 0,
            microseconds: 0,
        },
        discord_role: None,
        discord_channel: None,
        seed: crate::seed::SeedRow::default(),
    }
}

fn event(start: DateTime<Utc>) -> Event {
    Event {
        series: "s".into(),
        event: "8".into(),
        display_name: "S8".into(),
        team_size: 2,
        start: Some(start),
        automated_asyncs: false,
        counts_pieces: false,
        discord_guild: None,
        discord_async_channel: None,
    }
}

#[test]
fn hidden_until_every_qualifier_window_closed() {
    let event = event(at(20, 12));
    let asyncs = [
        qualifier(Q1, Some(at(1, 12)), at(10, 12)),
        qualifier(Q2, Some(at(11, 12)), at(20, 12)),
    ];
    let hidden = |hide, now| results_hidden(hide, &event, &asyncs, event.start, now);
    assert!(hidden(true, at(5, 0)), "first qualifier open");
    assert!(hidden(true, at(10, 18)), "second not opened yet");
    assert!(hidden(true, at(19, 0)), "second open");
    assert!(!hidden(true, at(20, 12)), "both closed at the event start");
    assert!(!hidden(false, at(5, 0)), "events that show everything");
    // The event start moved later: the second window stays open until then.
    let moved = Some(at(21, 12));
    assert!(results_hidden(true, &event, &asyncs, moved, at(21, 0)));
    assert!(!results_hidden(true, &event, &asyncs, moved, at(21, 12)));
    // A qualifier without a start may still be scheduled.
    let unscheduled = [qualifier(Q1, None, at(10, 12))];
    assert!(results_hidden(
        true,
        &event,
        &unscheduled,
        event.start,
        at(25, 0)
    ));
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    fn outcome() -> impl Strategy<Value = Outcome> {
        prop_oneof![
            (1_i64..20_000).prop_map(|s| Outcome::Finished(TimeDelta::seconds(s))),
            Just(Outcome::Dnf),
            Just(Outcome::NotSubmitted),
        ]
    }

    fn field() -> impl Strategy<Value = Vec<TeamResults>> {
        prop::collection::vec((outcome(), outcome()), 0..30).prop_map(|outcomes| {
            outcomes
                .into_iter()
                .enumerate()
                .map(|(index, (first, second))| {
                    let id = i64::try_from(index).unwrap_or_default();
                    team(
                        id,
                        &format!("team {index:02}"),
                        &[(Q1, first, None), (Q2, second, None)],
                    )
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn the_order_teams_are_loaded_in_does_not_matter(
            teams in field(),
            formula in prop_oneof![Just(Formula::Time), Just(Formula::Standard), Just(Formula::Sgl)],
            seed in any::<u64>(),
        ) {
            let mut shuffled = teams.clone();
            // A deterministic shuffle driven by the seed.
            let len = shuffled.len();
            for index in (1..len).rev() {
                let pick = usize::try_from(seed.rotate_left(index as u32) % (index as u64 + 1))
                    .unwrap_or_default();
                shuffled.swap(index, pick);
            }
            let a = EventResults { teams }.standings(formula, false, &[Q1, Q2]);
            let b = EventResults { teams: shuffled }.standings(formula, false, &[Q1, Q2]);
            prop_assert_eq!(a, b);
        }

        #[test]
        fn only_entrants_are_placed_and_submitters_are_alphabetical(teams in field()) {
            let results = EventResults { teams };
            let standings = results.standings(Formula::Sgl, false, &[Q1, Q2]);
            for line in &standings.lines {
                let entered = line.per_async.iter().any(|r| r.outcome.submitted());
                prop_assert_eq!(line.placement.is_some(), entered);
                for result in &line.per_async {
                    if !matches!(result.outcome, Outcome::Finished(_)) {
                        prop_assert!(result.points.abs() < f64::EPSILON);
                    }
                }
            }
            let names: Vec<String> = results
                .submitters(&[Q1, Q2])
                .into_iter()
                .map(|s| s.team_name)
                .collect();
            let mut sorted = names.clone();
            sorted.sort();
            prop_assert_eq!(names, sorted);
        }
    }
}
