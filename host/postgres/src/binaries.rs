//! Finding the machine's PostgreSQL server programs.

use std::ffi::OsString;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::ClusterError;

/// The directory holding PostgreSQL's `initdb` and `postgres` programs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binaries {
    bindir: PathBuf,
}

impl Binaries {
    /// Uses `bindir` if it holds executable `initdb` and `postgres` programs.
    pub fn in_dir(bindir: impl Into<PathBuf>) -> Option<Self> {
        let bindir = bindir.into();
        let complete = ["initdb", "postgres"]
            .iter()
            .all(|name| is_executable(&bindir.join(name)));
        complete.then_some(Self { bindir })
    }

    /// The directory the programs are in.
    pub fn bindir(&self) -> &Path {
        &self.bindir
    }

    /// The `initdb` program.
    pub fn initdb(&self) -> PathBuf {
        self.bindir.join("initdb")
    }

    /// The `postgres` server program.
    pub fn postgres(&self) -> PathBuf {
        self.bindir.join("postgres")
    }
}

/// Where to look for the server programs, in order: each directory of `path_env`, the
/// directory `pg_config --bindir` prints, then `lib_root/<version>/bin`, newest version first
/// (Debian's layout, where the server programs are not on `PATH`).
#[derive(Debug, Clone)]
pub struct BinarySearch {
    /// A `PATH`-style list of directories; `None` skips this step.
    pub path_env: Option<OsString>,
    /// The `pg_config` program to ask; `None` skips this step.
    pub pg_config: Option<PathBuf>,
    /// The directory holding one directory per installed major version.
    pub lib_root: PathBuf,
}

impl BinarySearch {
    /// The search this process's environment implies: its `PATH`, `pg_config` as found on
    /// that `PATH`, and `/usr/lib/postgresql`.
    pub fn from_environment() -> Self {
        Self {
            path_env: std::env::var_os("PATH"),
            pg_config: Some(PathBuf::from("pg_config")),
            lib_root: PathBuf::from("/usr/lib/postgresql"),
        }
    }

    /// Finds the programs, or explains what to install.
    pub fn find(&self) -> Result<Binaries, ClusterError> {
        self.on_path()
            .or_else(|| self.via_pg_config())
            .or_else(|| self.under_lib_root())
            .ok_or_else(|| ClusterError::BinariesNotFound {
                lib_root: self.lib_root.clone(),
            })
    }

    fn on_path(&self) -> Option<Binaries> {
        std::env::split_paths(self.path_env.as_ref()?)
            .filter(|dir| !dir.as_os_str().is_empty())
            .find_map(Binaries::in_dir)
    }

    fn via_pg_config(&self) -> Option<Binaries> {
        let output = Command::new(self.pg_config.as_ref()?)
            .arg("--bindir")
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        if !output.status.success() {
            return None;
        }
        let bindir = String::from_utf8(output.stdout).ok()?;
        Binaries::in_dir(bindir.trim())
    }

    fn under_lib_root(&self) -> Option<Binaries> {
        let mut versions: Vec<(Vec<u32>, PathBuf)> = std::fs::read_dir(&self.lib_root)
            .ok()?
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let version = parse_version(entry.file_name().to_str()?)?;
                Some((version, entry.path()))
            })
            .collect();
        versions.sort_by(|a, b| b.0.cmp(&a.0));
        versions
            .into_iter()
            .find_map(|(_, dir)| Binaries::in_dir(dir.join("bin")))
    }
}

/// `"15"` → `[15]`, `"9.6"` → `[9, 6]`; anything else is not a version directory.
fn parse_version(name: &str) -> Option<Vec<u32>> {
    name.split('.').map(|part| part.parse().ok()).collect()
}

fn is_executable(path: &Path) -> bool {
    std::fs::metadata(path)
        .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_sort_numerically() {
        assert!(parse_version("10") > parse_version("9.6"));
        assert_eq!(parse_version("15"), Some(vec![15]));
        assert_eq!(parse_version("main"), None);
    }
}
