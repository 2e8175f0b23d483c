//! The event page and the results pages under each scoring formula, as a visitor sees them.

mod support;

use chrono::TimeDelta;
use reqwest::StatusCode;

use hourglass_scoring::{Formula, async_points};
use hourglass_sdk::domain::AsyncKind;
use support::TestApp;
use support::builders::event;
use support::results::{ABLE, MIDO, WAITING, ZIPPY, assert_in_order, field, record, sgl};

/// The standings table of the event page (from its heading to the exports line).
fn standings_table(body: &str) -> &str {
    let start = body
        .find("<h2>Standings</h2>")
        .expect("a standings heading");
    let end = body[start..].find("Export:").expect("the exports line") + start;
    &body[start..end]
}

/// The table row that names `team`.
fn row<'a>(body: &'a str, team: &str) -> &'a str {
    let at = body
        .find(team)
        .unwrap_or_else(|| panic!("{team} missing:\n{body}"));
    let start = body[..at].rfind("<tr>").expect("row start");
    let end = body[at..].find("</tr>").expect("row end") + at;
    &body[start..end]
}

#[tokio::test]
async fn time_mode_ranks_by_qualifiers_finished_then_total_time() {
    let app = TestApp::start().await;
    let (setup, _) = field(&app).await;

    let page = app.browser().get(&setup.url("")).await;
    page.assert_ok();
    let table = standings_table(&page.body);
    assert_in_order(table, &[ZIPPY, MIDO, ABLE, WAITING]);
    assert!(
        table.contains("Total time") && !table.contains("pts"),
        "{table}"
    );
    // A team's time is the sum of its runners' recorded times (case 26).
    let zippy = row(table, ZIPPY);
    for shown in ["0:40:00", "1:40:00", "2:20:00"] {
        assert!(zippy.contains(shown), "{shown}: {zippy}");
    }
    assert!(row(table, MIDO).contains("2:25:00"));
    let able = row(table, ABLE);
    assert!(able.contains("1:20:00") && able.contains("DNF"), "{able}");
    let waiting = row(table, WAITING);
    assert!(waiting.contains("not submitted"), "{waiting}");
    assert!(
        !waiting.contains("<td class=\"num\">4</td>"),
        "no placement: {waiting}"
    );
}

#[tokio::test]
async fn sgl_mode_sums_points_over_the_qualifiers() {
    let app = TestApp::start().await;
    let (setup, _) = field(&app).await;
    setup.set("scoring = 'sgl'").await;

    let page = app.browser().get(&setup.url("")).await;
    let table = standings_table(&page.body);
    assert_in_order(table, &[MIDO, ZIPPY, ABLE, WAITING]);
    assert!(page.body.contains("SGL scoring"));

    let (q1_par, q2_par) = (3600.0, (6000.0 + 5100.0) / 2.0);
    let mido = row(table, MIDO);
    let mido_total = sgl(q1_par, 3600.0) + sgl(q2_par, 5100.0);
    assert!(mido.contains(&format!("{mido_total:.2}")), "{mido}");
    assert!(
        mido.contains("1:00:00") && mido.contains("100.00 pts"),
        "{mido}"
    );
    let q2_points = format!("{:.2} pts", sgl(q2_par, 5100.0));
    assert!(
        mido.contains("1:25:00") && mido.contains(&q2_points),
        "{mido}"
    );
    let zippy = row(table, ZIPPY);
    assert!(zippy.contains("110.00 pts"), "capped at 110: {zippy}");
    assert!(zippy.contains(&format!("{:.2}", 110.0 + sgl(q2_par, 6000.0))));
    let able = row(table, ABLE);
    assert!(
        able.contains("DNF") && able.contains("0.00 pts"),
        "a DNF scores 0: {able}"
    );
    assert!(row(table, WAITING).contains("not submitted"));
}

#[tokio::test]
async fn standard_mode_uses_the_jet_and_gamble_points() {
    let app = TestApp::start().await;
    let (setup, _) = field(&app).await;
    setup.set("scoring = 'standard'").await;

    // Entrants in order Zippy, Mido, Able; the points come from the scoring crate, whose
    // formulas are checked against independent vectors.
    let q1 = async_points(
        Formula::Standard,
        &[Some(2400.0), Some(3600.0), Some(4800.0)],
    );
    let q2 = async_points(Formula::Standard, &[Some(6000.0), Some(5100.0), None]);
    let mut totals = [
        (ZIPPY, q1[0] + q2[0]),
        (MIDO, q1[1] + q2[1]),
        (ABLE, q1[2] + q2[2]),
    ];
    totals.sort_by(|a, b| b.1.total_cmp(&a.1));

    let page = app.browser().get(&setup.url("")).await;
    let table = standings_table(&page.body);
    assert!(page.body.contains("Standard (Jet + Gamble) scoring"));
    let order: Vec<&str> = totals.iter().map(|(name, _)| *name).collect();
    assert_in_order(table, &order);
    for (name, total) in totals {
        assert!(
            row(table, name).contains(&format!("{total:.2}")),
            "{name} {total}"
        );
    }
    assert!(row(table, ZIPPY).contains(&format!("{:.2} pts", q1[0])));
    assert!(row(table, ABLE).contains("0.00 pts"));
}

#[tokio::test]
async fn results_page_places_by_time_with_vods_and_a_chart() {
    let app = TestApp::start().await;
    let now = support::test_now();
    let setup = event(&app.db, "tfb", "2026", 1, now + TimeDelta::days(7)).await;
    setup
        .async_with_seed(
            AsyncKind::Qualifier,
            now - TimeDelta::days(1),
            now + TimeDelta::days(7),
            TimeDelta::zero(),
        )
        .await;
    let runners = [
        ("Slowpoke", "1:30:00", "https://youtu.be/slow"),
        (
            "<script>alert(1)</script>",
            "1:10:00",
            "javascript:alert(1)",
        ),
        ("Tie Two", "1:10:00", "https://www.twitch.tv/videos/2"),
        ("Leader", "1:00:00", "https://www.twitch.tv/videos/3"),
    ];
    for (index, (name, time, vod)) in (1_i64..).zip(runners) {
        let id = 930_000_000_000_000_000 + index;
        let team = setup.team(name, &[(id, name)]).await;
        record(&setup, team, AsyncKind::Qualifier, &[(id, Some(time), vod)]).await;
    }
    let gone = setup
        .team("Gone", &[(930_000_000_000_000_099, "gone")])
        .await;
    let gone_runner = [(930_000_000_000_000_099, None, "")];
    record(&setup, gone, AsyncKind::Qualifier, &gone_runner).await;
    setup.set("scoring = 'sgl'").await;

    let page = app.browser().get(&setup.url("/results/qualifier")).await;
    page.assert_ok();
    let body = &page.body;
    let table = &body[body.find("<table>").expect("a table")..];
    assert_in_order(
        table,
        &["Leader", "&#60;script&#62;", "Tie Two", "Slowpoke", "Gone"],
    );
    assert!(!body.contains("<script>alert"), "names are escaped");
    // Equal times share a placement; the DNF is placed after every finisher.
    let placements: Vec<&str> = table
        .split("<td class=\"num\">")
        .skip(1)
        .step_by(3)
        .map(|cell| &cell[..cell.find('<').unwrap_or(0)])
        .collect();
    assert_eq!(placements, ["1", "2", "2", "4", "5"], "{table}");
    assert!(table.contains("href=\"https://www.twitch.tv/videos/2\""));
    assert!(
        !table.contains("javascript:"),
        "only http(s) VODs become links"
    );
    assert!(table.contains("DNF"));

    // The chart: one dot per finisher, in both sizes, and the par line (mean of the best 3).
    let chart = &body[body.find("<svg").expect("an SVG chart")..];
    assert_eq!(chart.matches("<circle").count(), 2 * 4, "{chart}");
    assert!(
        chart.contains("class=\"par\"") && chart.contains("par 1:06:40"),
        "{chart}"
    );
    assert!(chart.contains("1 did not finish"));
    assert!(chart.contains("&#60;script&#62;alert(1)&#60;/script&#62; 1:10:00"));

    let svg = app
        .browser()
        .get(&setup.url("/results/qualifier.svg"))
        .await;
    svg.assert_ok();
    assert!(
        svg.body
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")
    );

    setup.set("scoring = 'time'").await;
    let page = app.browser().get(&setup.url("/results/qualifier")).await;
    assert!(page.body.contains("<svg") && !page.body.contains("class=\"par\""));
    assert!(!page.body.contains("Points</th>"), "no points under time");

    let missing = app.browser().get(&setup.url("/results/qualifier2")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let unknown = app.browser().get(&setup.url("/results/final")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}
