//! The example world of the fixtures: guild `Example Tournament`, channel `async-races`,
//! the bot `ExampleTourneyBot`, an organizer and three runners.

use super::World;
use super::model::Role;
use crate::error::ApiResult;
use crate::ids;
use crate::types::{NewChannel, NewGuild, NewUser};
use chrono::DateTime;
use serde::{Deserialize, Serialize};

/// Ids of the example world (the fixtures' ids where the fixtures have them).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct ExampleIds {
    /// Guild `Example Tournament`.
    #[serde(with = "ids")]
    pub guild: u64,
    /// Text channel `general`.
    #[serde(with = "ids")]
    pub general: u64,
    /// Text channel `async-races`, where the bot opens run threads.
    #[serde(with = "ids")]
    pub async_races: u64,
    /// Role `Runner`.
    #[serde(with = "ids")]
    pub runner_role: u64,
    /// The bot's managed role.
    #[serde(with = "ids")]
    pub bot_role: u64,
    /// The bot user (= application id).
    #[serde(with = "ids")]
    pub bot: u64,
    /// `organizer`, the guild owner (all permissions).
    #[serde(with = "ids")]
    pub organizer: u64,
    /// `runner_one` (Runner role).
    #[serde(with = "ids")]
    pub runner_one: u64,
    /// `runner_two` (Runner role).
    #[serde(with = "ids")]
    pub runner_two: u64,
    /// `runner_three` (Runner role).
    #[serde(with = "ids")]
    pub runner_three: u64,
}

impl ExampleIds {
    /// The fixed ids used by [`World::seed_example`].
    pub const FIXED: Self = Self {
        guild: 1_213_455_767_961_731_076,
        general: 1_213_455_770_058_883_079,
        async_races: 1_213_457_026_252_931_080,
        runner_role: 1_213_458_284_544_131_077,
        bot_role: 1_213_793_273_169_182_726,
        bot: crate::SimConfig::DEFAULT_APPLICATION_ID,
        organizer: 565_827_212_411_011_073,
        runner_one: 772_939_104_387_203_074,
        runner_two: 803_456_789_012_345_678,
        runner_three: 845_678_901_234_567_890,
    };
}

impl World {
    /// Creates the example world (idempotent: an existing example guild is kept).
    pub fn seed_example(&mut self) -> ApiResult<ExampleIds> {
        let ids = ExampleIds {
            bot: self.bot_id(),
            ..ExampleIds::FIXED
        };
        if self.guilds.contains_key(&ids.guild) {
            return Ok(ids);
        }
        let people = [
            (ids.organizer, "organizer", "Organizer"),
            (ids.runner_one, "runner_one", "Runner One"),
            (ids.runner_two, "runner_two", "Runner Two"),
            (ids.runner_three, "runner_three", "Runner Three"),
        ];
        for (id, username, name) in people {
            if !self.users.contains_key(&id) {
                let user = NewUser {
                    username: username.into(),
                    global_name: Some(name.into()),
                    id: Some(id),
                    bot: false,
                };
                self.add_user(&user)?;
            }
        }
        if let Some(u) = self.users.get_mut(&ids.runner_one) {
            u.avatar = Some("a_9d2e4f60b1c37a85e0d4f2b6c8a91e37".into());
        }

        let guild = NewGuild {
            name: "Example Tournament".into(),
            id: Some(ids.guild),
            owner_id: Some(ids.organizer),
            ..NewGuild::default()
        };
        self.add_guild(&guild)?;
        if let Some(g) = self.guilds.get_mut(&ids.guild) {
            // Use the fixtures' ids for the bot role and add the Runner role below it.
            let generated = g.roles[1].id;
            g.roles[1].id = ids.bot_role;
            g.roles[1].position = 2;
            for m in g.members.values_mut() {
                m.roles
                    .iter_mut()
                    .filter(|r| **r == generated)
                    .for_each(|r| *r = ids.bot_role);
            }
            let runner = Role {
                id: ids.runner_role,
                name: "Runner".into(),
                color: 3_447_003,
                hoist: true,
                position: 1,
                permissions: 0,
                managed: false,
                mentionable: true,
                bot_id: None,
            };
            g.roles.insert(1, runner);
            let fixture_join = DateTime::parse_from_rfc3339("2024-03-03T10:21:07.512Z");
            if let (Some(bot), Ok(at)) = (g.members.get_mut(&ids.bot), fixture_join) {
                bot.joined_at = at.into();
            }
        }
        for runner in [ids.runner_one, ids.runner_two, ids.runner_three] {
            self.add_member(ids.guild, runner, &[ids.runner_role], None)?;
        }
        if let Some(m) = self
            .guilds
            .get_mut(&ids.guild)
            .and_then(|g| g.members.get_mut(&ids.runner_one))
        {
            if let Ok(at) = DateTime::parse_from_rfc3339("2024-05-10T19:02:33.101Z") {
                m.joined_at = at.into();
            }
        }

        let general = NewChannel {
            name: "general".into(),
            id: Some(ids.general),
            ..NewChannel::default()
        };
        self.add_channel(ids.guild, &general)?;
        let races = NewChannel {
            name: "async-races".into(),
            id: Some(ids.async_races),
            topic: Some("Async qualifier threads are created here by the bot.".into()),
            ..NewChannel::default()
        };
        self.add_channel(ids.guild, &races)?;
        Ok(ids)
    }
}
