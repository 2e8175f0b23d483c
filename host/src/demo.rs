//! The demo event behind `hourglass demo`, loaded once from `host/demo/event.toml`.
//! A second run finds the event and leaves everything (and whatever people did) alone.

use std::net::SocketAddr;

use anyhow::Context;
use discord_sim::types::NewUser;
use discord_sim::{SimConfig, SimHandle, Simulator};
use url::Url;

use crate::config::{Config, DiscordConfig, OAuthClient, Secret};
use chrono::{DateTime, TimeDelta, Utc};
use serde::Deserialize;
use sqlx::PgPool;

use hourglass_sdk::domain::{AsyncKind, HashIcon};
use hourglass_sdk::duration::parse_duration;

/// The demo data shipped with the binary.
pub const DEMO_DATA: &str = include_str!("../demo/event.toml");

#[derive(Deserialize)]
struct DemoFile {
    event: DemoEvent,
    staff: Vec<DemoPerson>,
    asyncs: Vec<DemoAsync>,
    teams: Vec<DemoTeam>,
}

#[derive(Deserialize)]
struct DemoEvent {
    series: String,
    event: String,
    name: String,
    team_size: i16,
    starts_in_hours: i64,
    discord_guild: Option<i64>,
}

#[derive(Deserialize)]
struct DemoPerson {
    id: i64,
    name: String,
    #[serde(default)]
    role: String,
}

#[derive(Deserialize)]
struct DemoAsync {
    kind: AsyncKind,
    opened_hours_ago: i64,
    closes_in_hours: i64,
    max_delay_hours: i64,
    discord_channel: Option<i64>,
    discord_role: Option<i64>,
    web_id: i64,
    hash: [HashIcon; 5],
    password: String,
}

#[derive(Deserialize)]
struct DemoTeam {
    name: String,
    members: Vec<DemoPerson>,
    requested_hours_ago: Option<i64>,
    submitted_hours_ago: Option<i64>,
    #[serde(default)]
    times: Vec<String>,
    #[serde(default)]
    vods: Vec<String>,
    #[serde(default)]
    sign_in: bool,
}

/// The demo's global admin, who is made an admin for the demo's run.
pub fn demo_admin() -> anyhow::Result<Option<i64>> {
    let file: DemoFile = toml::from_str(DEMO_DATA).context("host/demo/event.toml is not valid")?;
    Ok(file
        .staff
        .iter()
        .find(|person| person.role == "global admin")
        .map(|person| person.id))
}

/// Starts the Discord simulator for the demo, with the example guild and every person of
/// the demo as a member, and points the configuration's Discord settings at it.
pub async fn start_simulator(config: &mut Config) -> anyhow::Result<SimHandle> {
    let file: DemoFile = toml::from_str(DEMO_DATA).context("host/demo/event.toml is not valid")?;
    let sim_config = SimConfig::default();
    let sim = Simulator::start_with(sim_config.clone(), SocketAddr::new(config.bind.ip(), 0))
        .await
        .context("could not start the Discord simulator")?;
    let ids = sim
        .seed_example()
        .map_err(|error| anyhow::anyhow!("{error:?}"))?;
    let people = file
        .staff
        .iter()
        .chain(file.teams.iter().flat_map(|team| &team.members));
    {
        let mut world = sim.state().world();
        for person in people {
            let id = u64::try_from(person.id)?;
            let user = NewUser {
                username: person
                    .name
                    .to_lowercase()
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect(),
                global_name: Some(person.name.clone()),
                id: Some(id),
                bot: false,
            };
            world
                .add_user(&user)
                .map_err(|error| anyhow::anyhow!("{error:?}"))?;
            world
                .add_member(ids.guild, id, &[], None)
                .map_err(|error| anyhow::anyhow!("{error:?}"))?;
        }
    }
    config.discord = DiscordConfig {
        api_base: Url::parse(&sim.base_url())?,
        oauth: Some(OAuthClient {
            client_id: sim_config.application_id,
            client_secret: Secret(sim_config.client_secret),
        }),
        bot_token: Some(Secret(sim_config.bot_token)),
    };
    Ok(sim)
}

/// Loads the demo event unless it is already there. Returns whether it was loaded now.
pub async fn load_once(db: &PgPool, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let file: DemoFile = toml::from_str(DEMO_DATA).context("host/demo/event.toml is not valid")?;
    let hours = TimeDelta::hours;
    let mut tx = db.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO events (series, event, display_name, team_size, start, discord_guild) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(&file.event.series)
    .bind(&file.event.event)
    .bind(&file.event.name)
    .bind(file.event.team_size)
    .bind(now + hours(file.event.starts_in_hours))
    .bind(file.event.discord_guild)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Ok(false);
    }
    let (series, event) = (&file.event.series, &file.event.event);

    let mut position = 0;
    for person in &file.staff {
        add_user(&mut tx, person).await?;
        position += 1;
        sqlx::query("INSERT INTO demo_users (id, role, position) VALUES ($1, $2, $3)")
            .bind(person.id)
            .bind(&person.role)
            .bind(position)
            .execute(&mut *tx)
            .await?;
        if person.role == "organizer" {
            sqlx::query("INSERT INTO organizers (series, event, organizer) VALUES ($1, $2, $3)")
                .bind(series)
                .bind(event)
                .bind(person.id)
                .execute(&mut *tx)
                .await?;
        }
    }

    for demo in &file.asyncs {
        sqlx::query(
            "INSERT INTO asyncs (series, event, kind, start, end_time, max_delay, web_id, \
             hash1, hash2, hash3, hash4, hash5, seed_password, discord_channel, discord_role) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        )
        .bind(series)
        .bind(event)
        .bind(demo.kind)
        .bind(now - hours(demo.opened_hours_ago))
        .bind(now + hours(demo.closes_in_hours))
        .bind(hours(demo.max_delay_hours))
        .bind(demo.web_id)
        .bind(demo.hash[0])
        .bind(demo.hash[1])
        .bind(demo.hash[2])
        .bind(demo.hash[3])
        .bind(demo.hash[4])
        .bind(&demo.password)
        .bind(demo.discord_channel)
        .bind(demo.discord_role)
        .execute(&mut *tx)
        .await?;
    }

    for team in &file.teams {
        let team_id: i64 = sqlx::query_scalar(
            "INSERT INTO teams (series, event, name) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(series)
        .bind(event)
        .bind(&team.name)
        .fetch_one(&mut *tx)
        .await?;
        for (index, member) in team.members.iter().enumerate() {
            add_user(&mut tx, member).await?;
            sqlx::query("INSERT INTO team_members (team, member) VALUES ($1, $2)")
                .bind(team_id)
                .bind(member.id)
                .execute(&mut *tx)
                .await?;
            if team.sign_in && index == 0 {
                position += 1;
                sqlx::query("INSERT INTO demo_users (id, role, position) VALUES ($1, $2, $3)")
                    .bind(member.id)
                    .bind(format!("runner, {}", team.name))
                    .bind(position)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        if let Some(requested) = team.requested_hours_ago {
            sqlx::query(
                "INSERT INTO async_teams (team, kind, requested, submitted) VALUES ($1, $2, $3, $4)",
            )
            .bind(team_id)
            .bind(AsyncKind::Qualifier)
            .bind(now - hours(requested))
            .bind(team.submitted_hours_ago.map(|submitted| now - hours(submitted)))
            .execute(&mut *tx)
            .await?;
        }
        if team.submitted_hours_ago.is_some() {
            for (index, member) in team.members.iter().enumerate() {
                let time = match team.times.get(index).map(String::as_str) {
                    Some("") | None => None,
                    Some(time) => Some(parse_duration(time).with_context(|| {
                        format!("demo team {}: time `{time}` is not a time", team.name)
                    })?),
                };
                sqlx::query(
                    "INSERT INTO async_players (series, event, player, kind, time, vod) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(series)
                .bind(event)
                .bind(member.id)
                .bind(AsyncKind::Qualifier)
                .bind(time)
                .bind(team.vods.get(index))
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(true)
}

async fn add_user(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    person: &DemoPerson,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO users (id, display_name) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(person.id)
        .bind(&person.name)
        .execute(&mut **tx)
        .await
        .map(drop)
}
