//! The compile-time registries: every plugin is linked, and no two claim a button stem.

use hourglass_sdk::buttons::ButtonRoutes;
use hourglass_sdk::plugin::plugins;

// The binary and this test link the plugins through the host library.
use hourglass as _;

#[test]
fn every_plugin_is_registered() {
    let names: Vec<_> = plugins().iter().map(|plugin| plugin.name()).collect();
    assert_eq!(names, ["bracket-asyncs", "qualifier-asyncs"]);
}

#[test]
fn the_button_stems_have_one_owner_each() {
    let routes = ButtonRoutes::new(&plugins()).expect("no stem is claimed twice");
    assert_eq!(
        routes.stems(),
        [
            ("async_finish", "bracket-asyncs"),
            ("async_finish_qualifier", "qualifier-asyncs"),
            ("async_ready", "bracket-asyncs"),
            ("async_ready_qualifier", "qualifier-asyncs"),
            ("async_start_countdown", "bracket-asyncs"),
            ("async_start_qualifier", "qualifier-asyncs"),
        ]
    );
}
