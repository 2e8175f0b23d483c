//! The independently computed vectors in `shared/fixtures/scoring/vectors.json`.

use std::path::PathBuf;

use hourglass_scoring::{Formula, async_points};
use serde::Deserialize;

#[derive(Deserialize)]
struct Vectors {
    tolerance: f64,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    entrants: Vec<Entrant>,
    standard: Vec<f64>,
    sgl: Vec<f64>,
}

#[derive(Deserialize)]
struct Entrant {
    name: String,
    time_s: Option<f64>,
}

fn vectors() -> Vectors {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/scoring/vectors.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    serde_json::from_str(&text).expect("vectors.json parses")
}

fn check(formula: Formula, expected_of: fn(&Case) -> &[f64]) {
    let vectors = vectors();
    assert!(!vectors.cases.is_empty(), "no cases in vectors.json");
    assert!(vectors.tolerance > 0.0 && vectors.tolerance <= 1e-6);
    let mut failures = Vec::new();
    for (index, case) in vectors.cases.iter().enumerate() {
        let times: Vec<Option<f64>> = case.entrants.iter().map(|e| e.time_s).collect();
        let expected = expected_of(case);
        assert_eq!(
            expected.len(),
            times.len(),
            "case {index}: expected points per entrant"
        );
        let actual = async_points(formula, &times);
        for ((entrant, want), got) in case.entrants.iter().zip(expected).zip(&actual) {
            if (want - got).abs() > vectors.tolerance {
                failures.push(format!(
                    "case {index} {} ({:?} s): expected {want}, got {got}",
                    entrant.name, entrant.time_s
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{formula} mismatches:\n{}",
        failures.join("\n")
    );
}

#[test]
fn standard_matches_every_vector() {
    check(Formula::Standard, |case| &case.standard);
}

#[test]
fn sgl_matches_every_vector() {
    check(Formula::Sgl, |case| &case.sgl);
}
