//! The staff what-if list: `name,h:mm:ss` lines.

use hourglass_scoring::{CsvError, CsvErrorKind, Formula, async_points, parse_hms, score_csv};

fn error_text(formula: Formula, text: &str) -> String {
    score_csv(formula, text)
        .expect_err("input should be rejected")
        .to_string()
}

#[test]
fn scores_a_list_with_header_quotes_dnf_and_blank_lines() {
    let text = "name,time\r\n\
                Alpha,1:00:00\r\n\
                \"Link, Zelda \"\"and\"\" Navi\" , 1:00:00\n\
                \n\
                Gamma ,\n\
                \"Delta\",1:00:00\n\
                Epsilon,1:30:00\n";
    let lines = score_csv(Formula::Sgl, text).expect("valid list");
    let names: Vec<&str> = lines.iter().map(|line| line.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Alpha",
            "Link, Zelda \"and\" Navi",
            "Gamma",
            "Delta",
            "Epsilon"
        ]
    );
    let numbers: Vec<usize> = lines.iter().map(|line| line.line).collect();
    assert_eq!(numbers, [2, 3, 5, 6, 7]);
    let times: Vec<Option<f64>> = lines.iter().map(|line| line.time_s).collect();
    assert_eq!(
        times,
        [Some(3600.0), Some(3600.0), None, Some(3600.0), Some(5400.0)]
    );
    // Par is the best three, all 1:00:00; 1:30:00 is 50 % behind: 50 points; DNF 0.
    let points: Vec<f64> = lines.iter().map(|line| line.points).collect();
    assert_eq!(points, [100.0, 100.0, 0.0, 100.0, 50.0]);
}

#[test]
fn points_are_those_of_the_formula_for_the_same_field() {
    let text = "a,1:10:00\nb,\nc,0:59:59\nd,2:00:01\ne,1:00:00\nf,1:20:30\n";
    for formula in Formula::ALL {
        let lines = score_csv(formula, text).expect("valid list");
        let times: Vec<Option<f64>> = lines.iter().map(|line| line.time_s).collect();
        let points: Vec<f64> = lines.iter().map(|line| line.points).collect();
        assert_eq!(points, async_points(formula, &times));
    }
}

#[test]
fn a_header_only_counts_on_the_first_line() {
    assert_eq!(score_csv(Formula::Sgl, "").expect("empty list"), []);
    assert_eq!(
        score_csv(Formula::Sgl, "Name , Time\n").expect("header only"),
        []
    );
    assert_eq!(
        error_text(Formula::Sgl, "a,1:00:00\nname,time\n"),
        "line 2: time must be h:mm:ss"
    );
}

#[test]
fn errors_name_the_line_and_the_problem() {
    let cases = [
        (
            "a,1:00:00\nb,1:00:00\n\nc,1:60:00\n",
            "line 4: minutes must be below 60",
        ),
        ("a,1:00:60", "line 1: seconds must be below 60"),
        ("a,1:0:00", "line 1: minutes must be two digits"),
        ("a,1:00:5", "line 1: seconds must be two digits"),
        ("a,1:00:00.5", "line 1: seconds must be two digits"),
        ("a,-1:00:00", "line 1: time must not be negative"),
        ("a,1:00", "line 1: time must be h:mm:ss"),
        ("a,1:00:00:00", "line 1: time must be h:mm:ss"),
        ("a,:00:00", "line 1: hours must be a whole number"),
        ("a,x:00:00", "line 1: hours must be a whole number"),
        ("a,0:00:00", "line 1: time must be above 0:00:00"),
        ("a,99999999999:00:00", "line 1: hours are too large"),
        (
            "a,1:00:00\nb",
            "line 2: expected 2 fields (name,time), found 1",
        ),
        (
            "a,1:00:00,extra",
            "line 1: expected 2 fields (name,time), found 3",
        ),
        ("a,1:00:00\n  ,1:00:00", "line 2: name is empty"),
        ("\"a, b,1:00:00", "line 1: quoted name has no closing quote"),
        (
            "\"a\" b,1:00:00",
            "line 1: unexpected text after closing quote",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(
            error_text(Formula::Standard, text),
            expected,
            "input {text:?}"
        );
    }
}

#[test]
fn errors_expose_the_line_number_as_data() {
    let error = score_csv(Formula::Time, "x,1:00:00\ny,1:5:00").expect_err("bad minutes");
    assert_eq!(
        error,
        CsvError {
            line: 2,
            kind: CsvErrorKind::Time("minutes must be two digits")
        }
    );
}

#[test]
fn hms_allows_any_hours() {
    assert_eq!(parse_hms("0:00:01"), Ok(1.0));
    assert_eq!(parse_hms("1:02:03"), Ok(3723.0));
    assert_eq!(
        parse_hms(" 12:59:59 "),
        Ok(12.0 * 3600.0 + 59.0 * 60.0 + 59.0)
    );
    assert_eq!(parse_hms("100:00:00"), Ok(360_000.0));
    assert_eq!(parse_hms("007:00:00"), Ok(25_200.0));
}
