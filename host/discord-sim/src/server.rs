//! The HTTP server: one accept loop serving the REST API, OAuth2, the gateway socket, the
//! control API and the web view. Connections are served by hyper directly so that a fault
//! can close one without answering.

use crate::sim::SimState;
use axum::Router;
use axum::extract::Request;
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tower::Service;

/// Lets a handler close the connection it is answering on (see [`crate::types::Fault::Drop`]).
#[derive(Clone, Debug, Default)]
pub struct ConnectionKiller(Arc<Notify>);

impl ConnectionKiller {
    /// Closes the connection without a response.
    pub fn kill(&self) {
        self.0.notify_one();
    }
}

/// Every route of the simulator.
pub fn router(sim: SimState) -> Router {
    let api = crate::rest::router()
        .merge(crate::oauth::api_router())
        .layer(from_fn_with_state(sim.clone(), crate::faults::inject))
        .layer(from_fn_with_state(sim.clone(), crate::faults::record));
    let authorize = crate::oauth::authorize_router()
        .layer(from_fn_with_state(sim.clone(), crate::faults::inject))
        .layer(from_fn_with_state(sim.clone(), crate::faults::record));
    Router::new()
        .nest("/api/v10", api.clone())
        .nest("/api", api)
        .merge(authorize)
        .route("/gateway", get(crate::gateway::upgrade))
        .route(
            "/",
            get(|| async { axum::response::Redirect::to("/_sim/") }),
        )
        // A nested "/" only matches "/_sim"; the view's home is "/_sim/".
        .route("/_sim/", get(crate::view::index))
        .nest(
            "/_sim",
            crate::control::router().merge(crate::view::router()),
        )
        .with_state(sim)
}

/// Accepts connections until shutdown is signalled.
pub async fn serve(listener: TcpListener, router: Router, mut shutdown: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    tokio::spawn(connection(stream, router.clone(), shutdown.clone()));
                }
            }
            _ = shutdown.changed() => break,
        }
    }
}

async fn connection(stream: TcpStream, router: Router, mut shutdown: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    let killer = ConnectionKiller::default();
    let for_requests = killer.clone();
    let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
        req.extensions_mut().insert(for_requests.clone());
        let mut router = router.clone();
        async move { router.call(req).await }
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .serve_connection(TokioIo::new(stream), service)
        .with_upgrades();
    tokio::select! {
        _ = conn => {}
        () = killer.0.notified() => {}
        _ = shutdown.changed() => {}
    }
}
