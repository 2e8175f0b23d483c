//! `/result-async`: staff record the official time of the run in this thread.
//!
//! The command exists once for every plugin: the host asks the plugins whose run the thread
//! is, checks that the caller is an organizer of *that run's* event (or a global admin),
//! and hands the result to the owning plugin.

use hourglass_sdk::discord::{BotError, CommandContext, OfficialResult, ThreadRun, poise};
use hourglass_sdk::duration::{TimeInputError, parse_duration};
use hourglass_sdk::events::is_organizer;
use hourglass_sdk::plugin::{Plugin, plugins};
use hourglass_sdk::web::normalize_link;
use poise::serenity_prelude as serenity;

/// Where to use the command, for staff who ran it elsewhere.
pub const OUTSIDE_A_RUN: &str = "Use /result-async inside the private thread of an async run \
     (a qualifier or bracket async thread); this channel is not one.";

/// Staff time input: strictly `h:mm:ss`, minutes and seconds below 60.
pub fn parse_official_time(input: &str) -> Result<chrono::TimeDelta, TimeInputError> {
    let input = input.trim();
    if input.starts_with('-') {
        return Err(TimeInputError::Negative);
    }
    if input.split(':').count() != 3 {
        return Err(TimeInputError::NotATime);
    }
    parse_duration(input)
}

/// Shows how the typed time will be read, or the expected form.
async fn time_suggestions(
    _ctx: CommandContext<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let suggestion = match parse_official_time(partial) {
        Ok(time) => hourglass_sdk::duration::format_duration(time),
        Err(_) => "1:23:45".to_owned(),
    };
    let label = match parse_official_time(partial) {
        Ok(_) => suggestion.clone(),
        Err(_) => "Enter the time as h:mm:ss, for example 1:23:45".to_owned(),
    };
    serenity::CreateAutocompleteResponse::new().add_string_choice(label, suggestion)
}

/// Record the official time of this thread's run (staff only).
#[poise::command(slash_command, guild_only, rename = "result-async")]
pub async fn result_async(
    ctx: CommandContext<'_>,
    #[description = "Official time from the VOD, as h:mm:ss (e.g. 1:23:45)"]
    #[autocomplete = "time_suggestions"]
    time: String,
    #[description = "Link to the VOD the time was taken from"] vod: Option<String>,
) -> Result<(), BotError> {
    // Answer Discord first: the lookups below may take longer than its 3-second window.
    ctx.defer_ephemeral().await?;
    let thread = ctx.channel_id().get();
    let caller = ctx.author().id.get();

    let Some((plugin, run)) = find_run(ctx, thread).await? else {
        ctx.say(OUTSIDE_A_RUN).await?;
        return Ok(());
    };
    let state = ctx.data();
    let allowed = state.admins.contains(&i64::try_from(caller)?)
        || is_organizer(&state.db, &run.series, &run.event, i64::try_from(caller)?).await?;
    if !allowed {
        ctx.say(format!(
            "Only the organizers of this run's event can record results ({}).",
            run.label
        ))
        .await?;
        return Ok(());
    }
    let time = match parse_official_time(&time) {
        Ok(time) => time,
        Err(error) => {
            ctx.say(format!(
                "`{}` is not a time: {error}. Nothing was recorded.",
                time.trim()
            ))
            .await?;
            return Ok(());
        }
    };
    let vod = match vod.as_deref().map(str::trim).filter(|vod| !vod.is_empty()) {
        None => None,
        Some(typed) => match normalize_link(typed) {
            Some(vod) => Some(vod),
            None => {
                let refusal = "The VOD must be a link such as https://www.twitch.tv/videos/…. \
                               Nothing was recorded.";
                ctx.say(refusal).await?;
                return Ok(());
            }
        },
    };

    let reply = plugin
        .record_result(
            ctx,
            &run,
            OfficialResult {
                time,
                vod,
                recorded_by: caller,
            },
        )
        .await?;
    ctx.say(reply).await?;
    Ok(())
}

async fn find_run(
    ctx: CommandContext<'_>,
    thread: u64,
) -> Result<Option<(&'static dyn Plugin, ThreadRun)>, BotError> {
    for plugin in plugins() {
        if let Some(run) = plugin.run_in_thread(ctx.data(), thread).await? {
            return Ok(Some((plugin, run)));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_times_are_h_mm_ss() {
        assert_eq!(
            parse_official_time("1:23:45").map(|t| t.num_seconds()),
            Ok(5025)
        );
        assert_eq!(parse_official_time("83:45"), Err(TimeInputError::NotATime));
        assert_eq!(parse_official_time("1h 23m"), Err(TimeInputError::NotATime));
        assert_eq!(
            parse_official_time("-1:23:45"),
            Err(TimeInputError::Negative)
        );
        assert_eq!(
            parse_official_time("1:60:00"),
            Err(TimeInputError::PartTooLarge)
        );
        assert_eq!(
            parse_official_time("1:00:60"),
            Err(TimeInputError::PartTooLarge)
        );
        assert_eq!(parse_official_time("soon"), Err(TimeInputError::NotATime));
    }
}
