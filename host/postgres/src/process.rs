//! The postmaster, spawned and awaited by a thread of its own.
//!
//! The child asks the kernel for `SIGQUIT` (PostgreSQL's immediate shutdown) when its parent
//! goes away. Linux sends that signal when the *thread* that spawned the child ends, so the
//! child is spawned by a dedicated thread that then waits for it: the thread ends only after
//! the server has exited, or together with the whole process.

use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::process::{ChildStderr, Command, ExitStatus};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use nix::errno::Errno;
use nix::sys::signal::Signal;
use nix::unistd::Pid;
use tokio::sync::{oneshot, watch};

use crate::ClusterError;

/// How many of the server's last output lines are kept for error messages.
const TAIL_LINES: usize = 40;

/// A running (or exited) postmaster.
#[derive(Debug)]
pub(crate) struct Postmaster {
    pub(crate) pid: Pid,
    /// Becomes `Some` once the server has exited; closed if the supervisor failed to wait.
    pub(crate) exit: watch::Receiver<Option<ExitStatus>>,
    pub(crate) log: LogTail,
    /// Set before asking the server to stop, so that its exit is not reported as a surprise.
    pub(crate) stopping: Arc<AtomicBool>,
}

/// The server's last lines of output.
#[derive(Debug, Clone, Default)]
pub(crate) struct LogTail(Arc<Mutex<VecDeque<String>>>);

impl LogTail {
    fn push(&self, line: String) {
        if let Ok(mut lines) = self.0.lock() {
            if lines.len() == TAIL_LINES {
                lines.pop_front();
            }
            lines.push_back(line);
        }
    }

    pub(crate) fn text(&self) -> String {
        self.0
            .lock()
            .map(|lines| Vec::from(lines.clone()).join("\n"))
            .unwrap_or_default()
    }
}

/// Spawns `command` (whose stderr must be piped) on a supervising thread.
pub(crate) async fn spawn(mut command: Command) -> Result<Postmaster, ClusterError> {
    let program = std::path::PathBuf::from(command.get_program());
    let spawn_error = |source| ClusterError::Spawn {
        program: program.clone(),
        source,
    };
    die_with_parent(&mut command);
    let (started_tx, started_rx) = oneshot::channel();
    let (exit_tx, exit) = watch::channel(None);
    let log = LogTail::default();
    let stopping = Arc::new(AtomicBool::new(false));
    let (thread_log, thread_stopping) = (log.clone(), Arc::clone(&stopping));
    std::thread::Builder::new()
        .name("postgres-supervisor".to_owned())
        .spawn(move || {
            let mut child = match command.spawn() {
                Ok(child) => child,
                Err(error) => {
                    let _ = started_tx.send(Err(error));
                    return;
                }
            };
            let log_done = child
                .stderr
                .take()
                .map(|stderr| forward_log(stderr, thread_log));
            let _ = started_tx.send(Ok(child.id()));
            let status = child.wait();
            if let Some(done) = log_done {
                // Let the reader catch the last lines, unless a straggler keeps the pipe open.
                let _ = done.recv_timeout(Duration::from_secs(2));
            }
            match status {
                Ok(status) => {
                    if !thread_stopping.load(Ordering::SeqCst) {
                        tracing::error!(%status, "private PostgreSQL exited unexpectedly");
                    }
                    exit_tx.send_replace(Some(status));
                }
                Err(error) => tracing::error!(%error, "could not wait for private PostgreSQL"),
            }
        })
        .map_err(spawn_error)?;
    let pid = match started_rx.await {
        Ok(Ok(pid)) => pid,
        Ok(Err(error)) => return Err(spawn_error(error)),
        Err(_) => return Err(ClusterError::SupervisorGone),
    };
    let pid = Pid::from_raw(i32::try_from(pid).map_err(|_| ClusterError::SupervisorGone)?);
    Ok(Postmaster {
        pid,
        exit,
        log,
        stopping,
    })
}

/// Makes the child receive `SIGQUIT` when the spawning thread ends.
#[expect(
    unsafe_code,
    reason = "the parent-death signal can only be set in the forked child"
)]
fn die_with_parent(command: &mut Command) {
    let parent = nix::unistd::getpid();
    // SAFETY: the closure runs in the forked child between fork and exec, after the standard
    // library has switched user (a switch would clear the parent-death signal). It only makes
    // async-signal-safe system calls (prctl, getppid), and allocates and locks nothing.
    unsafe {
        command.pre_exec(move || {
            nix::sys::prctl::set_pdeathsig(Signal::SIGQUIT)?;
            // The parent may have died before the signal was armed.
            if nix::unistd::getppid() != parent {
                return Err(io::Error::from(Errno::ESRCH));
            }
            Ok(())
        });
    }
}

/// Reads the server's output on a thread, into the tail and into tracing. The returned channel
/// is signalled when the output ends.
fn forward_log(stderr: ChildStderr, log: LogTail) -> mpsc::Receiver<()> {
    let (done_tx, done_rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("postgres-log".to_owned())
        .spawn(move || {
            let mut reader = BufReader::new(stderr);
            let mut buffer = Vec::new();
            while reader
                .read_until(b'\n', &mut buffer)
                .is_ok_and(|read| read > 0)
            {
                let line = String::from_utf8_lossy(&buffer).trim_end().to_owned();
                buffer.clear();
                trace_line(&line);
                log.push(line);
            }
            let _ = done_tx.send(());
        });
    if let Err(error) = spawned {
        tracing::warn!(%error, "could not start a thread to read PostgreSQL's log");
    }
    done_rx
}

fn trace_line(line: &str) {
    let routine = line.contains("starting up") || line.contains("shutting down");
    if line.contains("PANIC:") {
        tracing::error!(target: "postgres", "{line}");
    } else if (line.contains("FATAL:") || line.contains("WARNING:")) && !routine {
        tracing::warn!(target: "postgres", "{line}");
    } else {
        tracing::debug!(target: "postgres", "{line}");
    }
}
