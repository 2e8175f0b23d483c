//! Seed files (`.zpf`, `.zpfz`, `.bps`) served from the seed directory under `/seed/`.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use hourglass_sdk::web::{AppState, WebError};

const EXTENSIONS: [&str; 3] = ["zpf", "zpfz", "bps"];

pub fn routes() -> Router<AppState> {
    Router::new().route("/seed/{file}", get(seed_file))
}

async fn seed_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    if !is_seed_file_name(&file) {
        return Err(WebError::NotFound);
    }
    let path = state
        .seeds
        .existing_seed_file(&file)
        .ok_or(WebError::NotFound)?;
    let contents = tokio::fs::read(&path)
        .await
        .map_err(|_| WebError::NotFound)?;
    let disposition = format!("attachment; filename=\"{file}\"");
    // The door-rando web patcher fetches `.bps` patches from the runner's browser on its own
    // site, so those may be read cross-origin; they are public to anyone with the link anyway.
    let cors = if file.ends_with(".bps") { "*" } else { "null" };
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, cors.to_owned()),
        ],
        contents,
    ))
}

/// Only plain names with a seed extension: never a path out of the seed directory.
fn is_seed_file_name(file: &str) -> bool {
    let Some((stem, extension)) = file.rsplit_once('.') else {
        return false;
    };
    !stem.is_empty()
        && EXTENSIONS.contains(&extension)
        && stem
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
}

#[cfg(test)]
mod tests {
    use super::is_seed_file_name;

    #[test]
    fn only_plain_seed_names_are_served() {
        assert!(is_seed_file_name("OoTR_12345_ABCDE.zpfz"));
        assert!(is_seed_file_name(
            "1b4e28ba-2fa1-11d2-883f-0016d3cca427.bps"
        ));
        assert!(!is_seed_file_name("../secrets.zpf"));
        assert!(!is_seed_file_name(".zpf"));
        assert!(!is_seed_file_name("seed.exe"));
        assert!(!is_seed_file_name("a/b.zpf"));
    }
}
