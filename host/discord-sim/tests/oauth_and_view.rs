//! OAuth2 sign-in round trip, and the web view.

mod common;

use common::{Bot, start};
use discord_sim::SimConfig;
use reqwest::redirect::Policy;
use serde_json::{Value, json};
use serenity::model::user::CurrentUser;

const REDIRECT: &str = "http://127.0.0.1:9999/auth/discord/callback";

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("client")
}

fn authorize_url(base: &str, extra: &str) -> String {
    let redirect: String = url::form_urlencoded::byte_serialize(REDIRECT.as_bytes()).collect();
    format!(
        "{base}/oauth2/authorize?client_id={}&redirect_uri={redirect}\
         &response_type=code&scope=identify&state=xyz{extra}",
        SimConfig::DEFAULT_APPLICATION_ID
    )
}

async fn code_for(http: &reqwest::Client, base: &str, user: u64) -> String {
    let response = http
        .get(authorize_url(base, &format!("&sim_user={user}")))
        .send()
        .await
        .expect("authorize");
    assert_eq!(response.status(), 302);
    let location =
        url::Url::parse(response.headers()["location"].to_str().expect("ascii")).expect("url");
    assert!(location.as_str().starts_with(REDIRECT));
    let pairs: std::collections::HashMap<_, _> = location.query_pairs().into_owned().collect();
    assert_eq!(pairs["state"], "xyz");
    pairs["code"].clone()
}

#[tokio::test]
async fn authorize_code_token_and_users_me_round_trip() {
    let (sim, ids, _) = start().await;
    let http = no_redirects();
    let base = sim.base_url();

    let page = http
        .get(authorize_url(&base, ""))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("runner_one") && page.contains("sim_user="),
        "{page}"
    );

    let code = code_for(&http, &base, ids.runner_one).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
    ];
    let token: Value = http
        .post(format!("{base}/api/oauth2/token"))
        .basic_auth(
            SimConfig::DEFAULT_APPLICATION_ID,
            Some(SimConfig::DEFAULT_CLIENT_SECRET),
        )
        .form(&form)
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("json");
    assert_eq!(token["token_type"], "Bearer");
    assert_eq!(token["expires_in"], 604_800);
    assert_eq!(token["scope"], "identify");

    let access = token["access_token"].as_str().expect("token");
    let me = http
        .get(format!("{base}/api/v10/users/@me"))
        .bearer_auth(access)
        .send()
        .await
        .expect("me");
    assert_eq!(me.status(), 200);
    let me: Value = me.json().await.expect("json");
    assert_eq!(me["username"], "runner_one");
    let parsed: CurrentUser = serde_json::from_value(me).expect("serenity parses users/@me");
    assert_eq!(parsed.id.get(), ids.runner_one);

    // Bearer tokens are not bot tokens.
    let channel = http
        .get(format!("{base}/api/v10/channels/{}", ids.general))
        .bearer_auth(access)
        .send()
        .await
        .expect("channel");
    assert_eq!(channel.status(), 401);

    // Codes are single use; client id/secret in the form work too; redirect_uri must match.
    let again = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("client_id", "1209531329675395075"),
        ("client_secret", SimConfig::DEFAULT_CLIENT_SECRET),
    ];
    let reused = http
        .post(format!("{base}/api/v10/oauth2/token"))
        .form(&again)
        .send()
        .await
        .expect("token");
    assert_eq!(reused.status(), 400);
    assert_eq!(
        reused.json::<Value>().await.expect("json")["error"],
        "invalid_grant"
    );
    let code = code_for(&http, &base, ids.runner_two).await;
    let mismatch = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", "http://elsewhere/"),
        ("client_id", "1209531329675395075"),
        ("client_secret", SimConfig::DEFAULT_CLIENT_SECRET),
    ];
    assert_eq!(
        http.post(format!("{base}/api/oauth2/token"))
            .form(&mismatch)
            .send()
            .await
            .expect("token")
            .status(),
        400
    );
    let bad_secret = [
        ("grant_type", "authorization_code"),
        ("code", "x"),
        ("redirect_uri", REDIRECT),
        ("client_id", "1209531329675395075"),
        ("client_secret", "wrong"),
    ];
    assert_eq!(
        http.post(format!("{base}/api/oauth2/token"))
            .form(&bad_secret)
            .send()
            .await
            .expect("token")
            .status(),
        401
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn the_web_view_lists_channels_escapes_text_and_clicks_buttons() {
    let (sim, ids, client) = start().await;
    let bot = Bot::new(&sim);
    let http = no_redirects();
    let base = sim.base_url();
    let thread = bot
        .private_thread(ids.async_races, "qualifier-<b>42</b>", &[ids.runner_one])
        .await;
    let button = json!({
        "type": 2, "style": 3, "label": "Ready <now>",
        "custom_id": "async_ready_qualifier:42:qualifier",
    });
    let body = json!({
        "content": "<script>alert(1)</script>",
        "components": [{ "type": 1, "components": [button] }],
    });
    let (status, message) = bot
        .post(&format!("/channels/{thread}/messages"), body)
        .await;
    assert_eq!(status, 200);
    let message_id = message["id"].as_str().expect("id").to_owned();

    let index = http
        .get(format!("{base}/_sim/?as={}", ids.runner_one))
        .send()
        .await
        .expect("index")
        .text()
        .await
        .expect("html");
    assert!(
        index.contains("async-races") && index.contains("qualifier-&lt;b&gt;42&lt;/b&gt;"),
        "{index}"
    );
    assert!(index.contains("width=device-width"));

    let page = http
        .get(format!(
            "{base}/_sim/view/channel/{thread}?as={}",
            ids.runner_one
        ))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert"),
        "{page}"
    );
    assert!(page.contains("Ready &lt;now&gt;"), "{page}");

    let form = [
        ("message_id", message_id.as_str()),
        ("channel_id", &thread.to_string()),
        ("user_id", &ids.runner_one.to_string()),
        ("custom_id", "async_ready_qualifier:42:qualifier"),
    ];
    let clicked = http
        .post(format!("{base}/_sim/view/click"))
        .form(&form)
        .send()
        .await
        .expect("click");
    assert_eq!(clicked.status(), 303);
    let interactions = client.interactions().await.expect("interactions");
    assert_eq!(interactions.len(), 1);
    assert_eq!(
        interactions[0].custom_id.as_deref(),
        Some("async_ready_qualifier:42:qualifier")
    );

    // Someone outside the private thread cannot click; the view says why.
    let outsider = [
        ("message_id", message_id.as_str()),
        ("channel_id", &thread.to_string()),
        ("user_id", &ids.runner_two.to_string()),
        ("custom_id", "async_ready_qualifier:42:qualifier"),
    ];
    let refused = http
        .post(format!("{base}/_sim/view/click"))
        .form(&outsider)
        .send()
        .await
        .expect("click");
    assert!(
        refused.headers()["location"]
            .to_str()
            .expect("ascii")
            .contains("err=")
    );
    assert_eq!(client.interactions().await.expect("interactions").len(), 1);
    sim.shutdown().await;
}
