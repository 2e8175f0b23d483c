//! Snowflake ids and the timestamps Discord writes into payloads.

use chrono::{DateTime, TimeZone, Utc};

/// Discord's epoch (2015-01-01T00:00:00Z) in Unix milliseconds.
pub const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// Hands out fresh snowflakes whose embedded time is the moment they were made.
///
/// Ids only ever grow, even when two are made in the same millisecond, so sorting by id is
/// sorting by creation, as on Discord.
#[derive(Debug, Default)]
pub struct Snowflakes {
    last: u64,
}

impl Snowflakes {
    /// A new id for something created now.
    pub fn next(&mut self) -> u64 {
        let millis = u64::try_from(Utc::now().timestamp_millis()).unwrap_or(DISCORD_EPOCH_MS);
        let candidate = (millis.saturating_sub(DISCORD_EPOCH_MS) << 22) | (1 << 17);
        self.last = candidate.max(self.last + 1);
        self.last
    }

    /// Makes sure later ids are above `id` (for ids chosen by a caller).
    pub fn observe(&mut self, id: u64) {
        self.last = self.last.max(id);
    }
}

/// The creation time embedded in a snowflake.
#[must_use]
pub fn created_at(id: u64) -> DateTime<Utc> {
    let millis = (id >> 22) + DISCORD_EPOCH_MS;
    let millis = i64::try_from(millis).unwrap_or(i64::MAX);
    Utc.timestamp_millis_opt(millis)
        .single()
        .unwrap_or_else(Utc::now)
}

/// A timestamp as Discord writes it: `2026-07-18T18:00:00.123000+00:00`.
#[must_use]
pub fn iso(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixture_ids_carry_their_times() {
        // The private thread of the fixtures was created at 2026-07-18T18:00:00.123Z.
        assert_eq!(
            iso(created_at(1_528_099_032_784_830_474)),
            "2026-07-18T18:00:00.123000+00:00"
        );
    }

    #[test]
    fn fresh_ids_grow_and_embed_now() {
        let mut ids = Snowflakes::default();
        let a = ids.next();
        let b = ids.next();
        assert!(b > a);
        let age = Utc::now() - created_at(b);
        assert!(age.num_seconds().abs() < 5, "{age}");
    }
}
