use chrono::TimeDelta;

use super::*;

fn finish(team: &str, minutes: i64) -> Finish {
    Finish {
        team: team.into(),
        time: TimeDelta::minutes(minutes),
    }
}

#[test]
fn dots_sit_on_a_labelled_axis_with_par_between() {
    let finishes = [
        finish("A", 80),
        finish("B", 95),
        finish("C", 95),
        finish("D", 130),
    ];
    let chart = finish_chart(&finishes, Some(TimeDelta::minutes(90)), 1, NARROW).expect("a chart");
    let labels: Vec<_> = chart.ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels.first(), Some(&"1:20"));
    assert_eq!(labels.last(), Some(&"2:10"));
    assert_eq!(chart.dots.len(), 4);
    let par = chart.par.expect("par");
    assert!(chart.dots[0].x < par.x && par.x < chart.dots[1].x);
    assert_eq!(chart.dots[1].x, chart.dots[2].x, "equal times stack");
    assert!(chart.dots[2].y < chart.dots[1].y);
    assert!(
        chart.summary.contains("1 did not finish"),
        "{}",
        chart.summary
    );
    assert!(
        chart
            .dots
            .iter()
            .all(|d| d.x > chart.left && d.x < chart.right)
    );
}

#[test]
fn a_large_field_becomes_a_histogram_and_nobody_finishing_draws_nothing() {
    let finishes: Vec<_> = (0..500).map(|i| finish("T", 90 + i % 7)).collect();
    let chart = finish_chart(&finishes, None, 0, WIDE).expect("a chart");
    assert!(chart.dots.is_empty());
    assert!(!chart.bars.is_empty());
    assert!(
        chart
            .bars
            .iter()
            .all(|bar| bar.y >= chart.top && bar.height > 0.0)
    );
    let counted: usize = chart.bars.iter().map(|bar| bar.count).sum();
    assert_eq!(counted, 500, "every finisher is in a bar");
    assert!(
        chart.summary.contains("the tallest bar holds"),
        "{}",
        chart.summary
    );
    assert!(finish_chart(&[], None, 3, WIDE).is_none());
}
