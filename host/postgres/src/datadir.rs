//! Preparing the data directory, and the user the server runs as.

use std::fs::{DirBuilder, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use nix::unistd::{Gid, Uid, User};

use crate::ClusterError;

/// The port number only names the socket file: the server listens on no TCP port.
pub(crate) const PORT: u16 = 5432;

/// `sizeof(sun_path)` on Linux, less the terminating NUL.
const MAX_SOCKET_PATH: usize = 107;

/// The unprivileged user the server programs run as when this process is root.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RunAs {
    pub(crate) uid: Uid,
    pub(crate) gid: Gid,
}

/// `None` when the programs can run as this process's own user; the `postgres` system user
/// when this process is root (PostgreSQL refuses to run as root).
pub(crate) fn server_user() -> Result<Option<RunAs>, ClusterError> {
    if !nix::unistd::geteuid().is_root() {
        return Ok(None);
    }
    let user = User::from_name("postgres")
        .map_err(ClusterError::UserLookup)?
        .ok_or(ClusterError::NoPostgresUser)?;
    Ok(Some(RunAs {
        uid: user.uid,
        gid: user.gid,
    }))
}

/// Creates `dir` (an absolute path) if needed with mode 0700, owned by the server's user, and
/// makes sure that user can reach it.
pub(crate) fn prepare(dir: &Path, run_as: Option<RunAs>) -> Result<(), ClusterError> {
    check_socket_path(dir)?;
    let data_dir_error = |source| ClusterError::DataDir {
        path: dir.to_path_buf(),
        source,
    };
    let created = create_missing(dir).map_err(data_dir_error)?;
    std::fs::set_permissions(dir, Permissions::from_mode(0o700)).map_err(data_dir_error)?;
    let Some(run_as) = run_as else {
        return Ok(());
    };
    // Directories this process just created may be opened up for the server's user; other
    // directories are the administrator's to change.
    for ancestor in created.iter().filter(|path| path.as_path() != dir) {
        let mode = std::fs::metadata(ancestor).map_err(data_dir_error)?.mode();
        std::fs::set_permissions(ancestor, Permissions::from_mode((mode & 0o7777) | 0o001))
            .map_err(data_dir_error)?;
    }
    if std::fs::metadata(dir).map_err(data_dir_error)?.uid() != run_as.uid.as_raw() {
        chown_tree(dir, run_as).map_err(data_dir_error)?;
    }
    for ancestor in dir.ancestors().skip(1) {
        let meta = std::fs::metadata(ancestor).map_err(data_dir_error)?;
        if !can_traverse(&meta, run_as) {
            return Err(ClusterError::ParentNotTraversable {
                path: ancestor.to_path_buf(),
            });
        }
    }
    Ok(())
}

fn check_socket_path(dir: &Path) -> Result<(), ClusterError> {
    let socket = dir.join(format!(".s.PGSQL.{PORT}"));
    if socket.as_os_str().len() > MAX_SOCKET_PATH {
        return Err(ClusterError::SocketPathTooLong {
            path: dir.to_path_buf(),
            max: MAX_SOCKET_PATH,
        });
    }
    Ok(())
}

/// Creates `dir` and its missing ancestors, returning those it created, outermost first.
fn create_missing(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut missing: Vec<&Path> = dir.ancestors().take_while(|path| !path.exists()).collect();
    missing.reverse();
    let mut created = Vec::new();
    for path in missing {
        let mode = if path == dir { 0o700 } else { 0o755 };
        match DirBuilder::new().mode(mode).create(path) {
            Ok(()) => created.push(path.to_path_buf()),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(error),
        }
    }
    Ok(created)
}

/// Hands `dir` and everything in it to the server's user, without following symbolic links
/// inside it.
fn chown_tree(dir: &Path, run_as: RunAs) -> io::Result<()> {
    let (uid, gid) = (Some(run_as.uid.as_raw()), Some(run_as.gid.as_raw()));
    std::os::unix::fs::chown(dir, uid, gid)?;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        std::os::unix::fs::lchown(entry.path(), uid, gid)?;
        if entry.file_type()?.is_dir() {
            chown_tree(&entry.path(), run_as)?;
        }
    }
    Ok(())
}

/// Whether the server's user may search the directory. The server runs without supplementary
/// groups (the standard library drops them when it switches user), so owner, primary group and
/// others are the whole story, ACLs aside.
fn can_traverse(meta: &std::fs::Metadata, run_as: RunAs) -> bool {
    let mode = meta.mode();
    if meta.uid() == run_as.uid.as_raw() {
        mode & 0o100 != 0
    } else if meta.gid() == run_as.gid.as_raw() {
        mode & 0o010 != 0
    } else {
        mode & 0o001 != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paths_are_refused_before_starting_anything() {
        let dir = PathBuf::from("/").join("d".repeat(100));
        let error = check_socket_path(&dir)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("too long"), "{error}");
        assert!(check_socket_path(Path::new("/tmp/hourglass/data")).is_ok());
    }
}
