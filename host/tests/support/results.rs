//! Recording results straight into the database, and reading pages the way a person would,
//! for the standings, results and export tests.

use chrono::TimeDelta;

use hourglass_sdk::domain::AsyncKind;
use hourglass_sdk::duration::parse_duration;

use super::builders::EventSetup;
use super::test_now;

/// Records a submitted result: each member's time (`None` = did not finish) and VOD.
pub async fn record(
    setup: &EventSetup<'_>,
    team: i64,
    kind: AsyncKind,
    members: &[(i64, Option<&str>, &str)],
) {
    sqlx::query(
        "INSERT INTO async_teams (team, kind, requested, submitted) VALUES ($1, $2, $3, $3)",
    )
    .bind(team)
    .bind(kind)
    .bind(test_now() - TimeDelta::hours(3))
    .execute(setup.db)
    .await
    .expect("insert async_teams");
    for &(member, time, vod) in members {
        let time = time.map(|time| parse_duration(time).expect("a time"));
        sqlx::query(
            "INSERT INTO async_players (series, event, player, kind, time, vod) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&setup.series)
        .bind(&setup.event)
        .bind(member)
        .bind(kind)
        .bind(time)
        .bind(vod)
        .execute(setup.db)
        .await
        .expect("insert async_players");
    }
}

/// A team that requested but has not submitted.
pub async fn request_only(setup: &EventSetup<'_>, team: i64, kind: AsyncKind) {
    sqlx::query("INSERT INTO async_teams (team, kind, requested) VALUES ($1, $2, $3)")
        .bind(team)
        .bind(kind)
        .bind(test_now())
        .execute(setup.db)
        .await
        .expect("insert request");
}

/// Where each name first appears in `text`; panics when one is missing.
pub fn positions(text: &str, names: &[&str]) -> Vec<usize> {
    names
        .iter()
        .map(|name| {
            text.find(name)
                .unwrap_or_else(|| panic!("{name} is not on the page:\n{text}"))
        })
        .collect()
}

/// Asserts the names appear in this order.
pub fn assert_in_order(text: &str, names: &[&str]) {
    let found = positions(text, names);
    assert!(
        found.windows(2).all(|pair| pair[0] < pair[1]),
        "expected {names:?} in this order:\n{text}"
    );
}

/// Whether the text holds anything shaped like a finish time (`h:mm:ss`).
pub fn has_hms(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(7).any(|w| {
        w[0].is_ascii_digit()
            && w[1] == b':'
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
            && w[4] == b':'
            && w[5].is_ascii_digit()
            && w[6].is_ascii_digit()
    })
}

/// SGL points, to compare with what the pages show.
pub fn sgl(par: f64, time: f64) -> f64 {
    (100.0 * (2.0 - time / par)).clamp(10.0, 110.0)
}

pub const ZIPPY: &str = "Zippy Zoras";
pub const MIDO: &str = "Mido Mains";
pub const ABLE: &str = "Able Armos";
pub const WAITING: &str = "Waiting Wolfos";
pub const ORGANIZER: (i64, &str) = (920_000_000_000_000_900, "Rauru");
/// A member of Zippy Zoras.
pub const ZIPPY_RUNNER: (i64, &str) = (920_000_000_000_000_001, "zia");

/// Team ids of the field.
pub struct Field {
    pub zippy: i64,
    pub mido: i64,
    pub able: i64,
    pub waiting: i64,
}

/// An event of pairs starting in two weeks, with two open qualifiers and four teams:
///
/// | team            | qualifier           | qualifier 2          |
/// |-----------------|---------------------|----------------------|
/// | Zippy Zoras     | 0:20:00 + 0:20:00   | 0:50:00 + 0:50:00    |
/// | Mido Mains      | 0:30:00 + 0:30:00   | 0:40:00 + 0:45:00    |
/// | Able Armos      | 0:40:00 + 0:40:00   | 0:50:00 + DNF        |
/// | Waiting Wolfos  | requested only      | —                    |
///
/// By time Zippy (2:20:00) leads Mido (2:25:00); under SGL Mido leads (108.11 + 100 against
/// 110 + 91.89): Zippy's lead in the first qualifier is capped at 110 points.
pub async fn field<'a>(app: &'a super::TestApp) -> (EventSetup<'a>, Field) {
    let now = test_now();
    let setup = super::builders::event(&app.db, "s", "8", 2, now + TimeDelta::days(14)).await;
    for (kind, opened) in [(AsyncKind::Qualifier, 2), (AsyncKind::Qualifier2, 1)] {
        setup
            .async_with_seed(
                kind,
                now - TimeDelta::days(opened),
                now + TimeDelta::days(14),
                TimeDelta::zero(),
            )
            .await;
    }
    setup.organizer(ORGANIZER.0, ORGANIZER.1).await;
    let member = |n: i64| 920_000_000_000_000_000 + n;
    let zippy = setup.team(ZIPPY, &[ZIPPY_RUNNER, (member(2), "zed")]).await;
    let mido = setup
        .team(MIDO, &[(member(3), "mia"), (member(4), "moe")])
        .await;
    let able = setup
        .team(ABLE, &[(member(5), "abe"), (member(6), "ada")])
        .await;
    let waiting = setup
        .team(WAITING, &[(member(7), "wes"), (member(8), "wil")])
        .await;
    let q1 = AsyncKind::Qualifier;
    let q2 = AsyncKind::Qualifier2;
    let vod = "https://www.twitch.tv/videos/1";
    record(
        &setup,
        zippy,
        q1,
        &[
            (member(1), Some("0:20:00"), vod),
            (member(2), Some("0:20:00"), vod),
        ],
    )
    .await;
    record(
        &setup,
        mido,
        q1,
        &[
            (member(3), Some("0:30:00"), vod),
            (member(4), Some("0:30:00"), vod),
        ],
    )
    .await;
    record(
        &setup,
        able,
        q1,
        &[
            (member(5), Some("0:40:00"), vod),
            (member(6), Some("0:40:00"), vod),
        ],
    )
    .await;
    record(
        &setup,
        zippy,
        q2,
        &[
            (member(1), Some("0:50:00"), vod),
            (member(2), Some("0:50:00"), vod),
        ],
    )
    .await;
    record(
        &setup,
        mido,
        q2,
        &[
            (member(3), Some("0:40:00"), vod),
            (member(4), Some("0:45:00"), vod),
        ],
    )
    .await;
    record(
        &setup,
        able,
        q2,
        &[(member(5), Some("0:50:00"), vod), (member(6), None, "")],
    )
    .await;
    request_only(&setup, waiting, q1).await;
    (
        setup,
        Field {
            zippy,
            mido,
            able,
            waiting,
        },
    )
}
