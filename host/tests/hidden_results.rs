//! Hidden scores: while an event hides its results and a qualifier window is still open,
//! the public and the teams see only who has submitted, alphabetically, on every page and in
//! every export; the organizers see everything, marked as hidden from the public.

mod support;

use chrono::TimeDelta;
use reqwest::StatusCode;
use serde_json::Value;

use support::results::{
    ABLE, MIDO, ORGANIZER, WAITING, ZIPPY, ZIPPY_RUNNER, assert_in_order, field, has_hms,
};
use support::{Browser, TestApp, test_now};

/// Everything a reader can fetch about the event's results.
struct Seen {
    event_page: String,
    results_page: String,
    standings_json: Value,
    standings_csv: String,
    results_json: Value,
    svg_status: StatusCode,
}

async fn everything(browser: &Browser) -> Seen {
    let get = |path: &'static str| async move {
        let page = browser.get(&format!("/event/s/8{path}")).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        page.body
    };
    let json = |text: String| serde_json::from_str::<Value>(&text).expect("JSON");
    Seen {
        event_page: get("").await,
        results_page: get("/results/qualifier").await,
        standings_json: json(get("/standings.json").await),
        standings_csv: get("/standings.csv").await,
        results_json: json(get("/results/qualifier.json").await),
        svg_status: browser.get("/event/s/8/results/qualifier.svg").await.status,
    }
}

/// What the public and the teams must see while results are hidden.
fn assert_names_only(seen: &Seen, who: &str) {
    let submitted = [ABLE, MIDO, ZIPPY];
    for (what, text) in [
        ("event page", &seen.event_page),
        ("results page", &seen.results_page),
    ] {
        assert!(!has_hms(text), "{who} sees a time on the {what}:\n{text}");
        for hint in ["DNF", " pts", "<svg", "par ", "Hidden from the public"] {
            assert!(!text.contains(hint), "{who} sees {hint:?} on the {what}");
        }
        let list = text
            .find("Results stay hidden")
            .map(|start| &text[start..])
            .unwrap_or_else(|| panic!("{who}, {what}: no hidden-results note:\n{text}"));
        // Alphabetical, although Zippy Zoras were fastest.
        assert_in_order(list, &submitted);
    }
    assert!(
        !seen.event_page.contains(WAITING),
        "only teams that submitted are listed"
    );

    let json = &seen.standings_json;
    assert_eq!(json["hidden"], true);
    let teams = json["teams"].as_array().expect("teams");
    let names: Vec<&str> = teams.iter().filter_map(|t| t["name"].as_str()).collect();
    assert_eq!(names, submitted, "{who}: {json}");
    for team in teams {
        let keys: Vec<&String> = team.as_object().expect("object").keys().collect();
        assert_eq!(keys, ["name", "submitted"], "{who}: {team}");
    }
    assert_eq!(
        teams[0]["submitted"],
        serde_json::json!(["qualifier", "qualifier2"])
    );
    let results = &seen.results_json;
    assert!(results["par_time"].is_null());
    let entrants: Vec<&str> = results["entrants"]
        .as_array()
        .expect("entrants")
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert_eq!(entrants, submitted);
    for text in [
        json.to_string(),
        results.to_string(),
        seen.standings_csv.clone(),
    ] {
        assert!(!has_hms(&text), "{who}: {text}");
        assert!(
            !text.contains("placement") && !text.contains("dnf"),
            "{who}: {text}"
        );
    }

    assert_eq!(
        seen.standings_csv,
        "team,qualifier_submitted,qualifier2_submitted\n\
         Able Armos,yes,yes\nMido Mains,yes,yes\nZippy Zoras,yes,yes\n"
    );
    assert_eq!(
        seen.svg_status,
        StatusCode::NOT_FOUND,
        "{who}: the chart would tell"
    );
}

#[tokio::test]
async fn the_public_and_team_members_see_only_who_submitted() {
    let app = TestApp::start().await;
    let (setup, _) = field(&app).await;
    setup.set("hide_results = true, scoring = 'sgl'").await;

    assert_names_only(&everything(&app.browser()).await, "a visitor");
    let member = app.signed_in(ZIPPY_RUNNER.0, ZIPPY_RUNNER.1).await;
    assert_names_only(&everything(&member).await, "a team member");
}

#[tokio::test]
async fn organizers_see_hidden_results_marked_as_hidden() {
    let app = TestApp::start().await;
    let (setup, _) = field(&app).await;
    setup.set("hide_results = true").await;

    let organizer = app.signed_in(ORGANIZER.0, ORGANIZER.1).await;
    let seen = everything(&organizer).await;
    for text in [&seen.event_page, &seen.results_page] {
        assert!(text.contains("Hidden from the public"), "{text}");
        assert_in_order(text, &[ZIPPY, MIDO, ABLE]);
        assert!(text.contains("2:20:00") || text.contains("0:40:00"));
    }
    assert!(seen.results_page.contains("<svg"));
    assert_eq!(seen.svg_status, StatusCode::OK);
    assert_eq!(seen.standings_json["hidden"], true);
    assert_eq!(seen.standings_json["teams"][0]["name"], ZIPPY);
    assert_eq!(seen.standings_json["teams"][0]["placement"], 1);
    assert!(seen.standings_csv.starts_with("placement,team,"));
    assert_eq!(seen.results_json["entrants"][0]["time"], "0:40:00");
}

#[tokio::test]
async fn results_show_once_every_qualifier_window_has_closed() {
    let app = TestApp::start().await;
    let (setup, _) = field(&app).await;
    setup.set("hide_results = true").await;
    let visitor = app.browser();

    // Both windows close at the event start, in 14 days.
    app.clock
        .set(test_now() + TimeDelta::days(14) - TimeDelta::seconds(1));
    let page = visitor.get(&setup.url("")).await;
    assert!(!has_hms(&page.body) && page.body.contains("Results stay hidden"));

    app.clock.set(test_now() + TimeDelta::days(14));
    let page = visitor.get(&setup.url("")).await;
    assert!(!page.body.contains("Results stay hidden"));
    assert!(!page.body.contains("Hidden from the public"));
    assert!(page.body.contains("2:20:00"), "{}", page.body);
    let json = visitor.get(&setup.url("/standings.json")).await;
    let json: Value = serde_json::from_str(&json.body).expect("JSON");
    assert_eq!(json["hidden"], false);
    assert_eq!(json["teams"][0]["name"], ZIPPY);
}

#[tokio::test]
async fn an_event_that_shows_everything_hides_nothing() {
    let app = TestApp::start().await;
    let (setup, _) = field(&app).await;

    let page = app.browser().get(&setup.url("")).await;
    assert!(page.body.contains("2:20:00") && !page.body.contains("Results stay hidden"));
    let csv = app.browser().get(&setup.url("/standings.csv")).await;
    assert!(csv.body.contains("Zippy Zoras,2,2:20:00"), "{}", csv.body);
}

#[tokio::test]
async fn organizers_choose_the_formula_and_hiding_on_the_configuration_form() {
    let app = TestApp::start().await;
    let (setup, _) = field(&app).await;
    let organizer = app.signed_in(ORGANIZER.0, ORGANIZER.1).await;
    let manage = setup.url("/manage");
    let config = setup.url("/manage/config");
    let stored = || async {
        sqlx::query_as::<_, (String, bool)>(
            "SELECT scoring, hide_results FROM events WHERE series = 's' AND event = '8'",
        )
        .fetch_one(&app.db)
        .await
        .expect("settings")
    };

    let page = organizer.get(&manage).await;
    assert!(
        page.body.contains("<option value=\"time\" selected>"),
        "time is the default"
    );
    let form = [
        ("display_name", "Season 8"),
        ("team_size", "2"),
        ("scoring", "sgl"),
        ("hide_results", "on"),
    ];
    let saved = organizer.submit(&manage, &config, &form).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(stored().await, ("sgl".to_owned(), true));
    let page = organizer.get(&manage).await;
    assert!(page.body.contains("<option value=\"sgl\" selected>"));
    assert!(
        page.body
            .contains("name=\"hide_results\" value=\"on\" checked")
    );
    assert!(
        app.browser()
            .get(&setup.url(""))
            .await
            .body
            .contains("Results stay hidden")
    );

    let bad = [
        ("display_name", "Season 8"),
        ("team_size", "2"),
        ("scoring", "fastest"),
    ];
    let refused = organizer.submit(&manage, &config, &bad).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("Choose time, standard or SGL."));
    assert_eq!(stored().await, ("sgl".to_owned(), true), "nothing changed");

    // A form without the scoring field keeps the formula; the unticked box shows results.
    let plain = [("display_name", "Season 8"), ("team_size", "2")];
    let saved = organizer.submit(&manage, &config, &plain).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(stored().await, ("sgl".to_owned(), false));
}
