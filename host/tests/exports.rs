//! The exports next to the event page: `standings.json`, `standings.csv` and
//! `results/{kind}.json`, in the shapes README.md documents.

mod support;

use reqwest::StatusCode;
use serde_json::{Value, json};

use support::TestApp;
use support::results::{ABLE, MIDO, WAITING, ZIPPY, field, sgl};

async fn get_json(app: &TestApp, path: &str) -> Value {
    let page = app.browser().get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
    serde_json::from_str(&page.body).expect("JSON")
}

fn close(value: &Value, expected: f64) -> bool {
    value
        .as_f64()
        .is_some_and(|got| (got - expected).abs() < 1e-6)
}

#[tokio::test]
async fn standings_json_has_the_documented_shape() {
    let app = TestApp::start().await;
    let (setup, _) = field(&app).await;
    setup.set("scoring = 'sgl'").await;

    let json = get_json(&app, &setup.url("/standings.json")).await;
    assert_eq!(json["series"], "s");
    assert_eq!(json["event"], "8");
    assert_eq!(json["formula"], "sgl");
    assert_eq!(json["hidden"], false);
    assert_eq!(json["counts_pieces"], false);
    assert_eq!(json["asyncs"], json!(["qualifier", "qualifier2"]));
    let teams = json["teams"].as_array().expect("teams");
    let names: Vec<&str> = teams.iter().filter_map(|t| t["name"].as_str()).collect();
    assert_eq!(names, [MIDO, ZIPPY, ABLE, WAITING]);

    let mido = &teams[0];
    assert_eq!(mido["placement"], 1);
    assert_eq!(mido["finished"], 2);
    assert_eq!(mido["total_time"], "2:25:00");
    assert_eq!(mido["total_time_s"], 8700.0);
    assert!(mido["pieces"].is_null());
    let q2_par = (6000.0 + 5100.0) / 2.0;
    assert!(
        close(&mido["total_points"], 100.0 + sgl(q2_par, 5100.0)),
        "{mido}"
    );
    assert_eq!(
        mido["results"][1],
        json!({
            "kind": "qualifier2", "status": "finished", "time": "1:25:00", "time_s": 5100.0,
            "points": mido["results"][1]["points"], "pieces": null
        })
    );
    assert!(close(&mido["results"][1]["points"], sgl(q2_par, 5100.0)));

    let able = &teams[2];
    assert_eq!(able["results"][1]["status"], "dnf");
    assert!(able["results"][1]["time"].is_null());
    assert_eq!(able["results"][1]["points"], 0.0);
    let waiting = &teams[3];
    assert!(waiting["placement"].is_null() && waiting["total_time"].is_null());
    assert_eq!(waiting["results"][0]["status"], "not_submitted");

    setup.set("scoring = 'time'").await;
    let json = get_json(&app, &setup.url("/standings.json")).await;
    assert_eq!(json["teams"][0]["name"], ZIPPY);
    let zippy = &json["teams"][0];
    assert!(zippy["total_points"].is_null() && zippy["results"][0]["points"].is_null());
}

#[tokio::test]
async fn standings_csv_lists_every_team_in_ranking_order() {
    let app = TestApp::start().await;
    let (setup, _) = field(&app).await;
    setup.set("scoring = 'sgl'").await;
    setup.team("=cmd|' /C calc'!A0, \"quoted\"", &[]).await;

    let page = app.browser().get(&setup.url("/standings.csv")).await;
    page.assert_ok();
    let lines: Vec<&str> = page.body.lines().collect();
    assert_eq!(
        lines[0],
        "placement,team,total_points,finished,total_time,\
         qualifier_status,qualifier_time,qualifier_points,\
         qualifier2_status,qualifier2_time,qualifier2_points"
    );
    let q2_par = (6000.0 + 5100.0) / 2.0;
    assert_eq!(
        lines[1],
        format!(
            "1,Mido Mains,{:.3},2,2:25:00,finished,1:00:00,100.000,finished,1:25:00,{:.3}",
            100.0 + sgl(q2_par, 5100.0),
            sgl(q2_par, 5100.0)
        )
    );
    assert_eq!(
        lines[3],
        "3,Able Armos,66.667,1,1:20:00,finished,1:20:00,66.667,dnf,,0.000"
    );
    assert_eq!(
        lines[5],
        ",Waiting Wolfos,0.000,0,,not_submitted,,0.000,not_submitted,,0.000"
    );
    // A name a spreadsheet would run as a formula is defused and quoted.
    assert!(
        page.body
            .contains("\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\""),
        "{}",
        page.body
    );
    assert_eq!(lines.len(), 6, "a header and five teams");
}

#[tokio::test]
async fn results_json_lists_entrants_with_their_runners() {
    let app = TestApp::start().await;
    let (setup, _) = field(&app).await;
    setup.set("scoring = 'standard'").await;

    let json = get_json(&app, &setup.url("/results/qualifier2.json")).await;
    assert_eq!(json["kind"], "qualifier2");
    assert_eq!(json["formula"], "standard");
    assert_eq!(json["par_time"], "1:32:30");
    assert_eq!(json["par_time_s"], 5550.0);
    let entrants = json["entrants"].as_array().expect("entrants");
    let names: Vec<&str> = entrants.iter().filter_map(|e| e["name"].as_str()).collect();
    assert_eq!(
        names,
        [MIDO, ZIPPY, ABLE],
        "placed by time; no team that did not submit"
    );
    assert_eq!(entrants[0]["placement"], 1);
    assert_eq!(entrants[0]["status"], "finished");
    assert_eq!(entrants[0]["time"], "1:25:00");
    assert_eq!(
        entrants[0]["runners"],
        json!([
            {"name": "mia", "time": "0:40:00", "time_s": 2400.0, "vod": "https://www.twitch.tv/videos/1"},
            {"name": "moe", "time": "0:45:00", "time_s": 2700.0, "vod": "https://www.twitch.tv/videos/1"},
        ])
    );
    assert_eq!(entrants[2]["status"], "dnf");
    assert_eq!(entrants[2]["points"], 0.0);
    assert!(entrants[2]["runners"][1]["time"].is_null());
    assert!(
        entrants[2]["runners"][1]["vod"].is_null(),
        "a blank VOD is no link"
    );
    let unknown = app.browser().get(&setup.url("/results/seeding.json")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}
