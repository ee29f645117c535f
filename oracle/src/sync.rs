//! Several `twin fuzz` instances sharing one `--out`, AFL style.
//!
//! Teams that outgrow one machine point several instances (on one machine or
//! on many, over a shared filesystem) at the same output directory, each
//! with its own `--instance-id`. As with AFL's main and secondary instances,
//! nobody coordinates: each instance writes only under its own directory and
//! reads the others'.
//!
//! ```text
//!   <out>/
//!     claims/<program id>      one per program ever recorded, by any instance
//!     <instance>/
//!       lock                   flock()ed while the instance runs
//!       state.json             campaign seed, next program number, totals
//!       counts.json            occurrences per signature (see dedup)
//!       index.json             snapshot of the merged dedup index
//!       findings/<name>/       see findings
//!       corpus/<program id>.bin  interesting generator inputs (see corpus)
//! ```
//!
//! * **Never lost**: a finding is written by exactly one instance into its own
//!   directory, atomically (see [`crate::findings`]); nothing ever deletes
//!   another instance's files.
//! * **Never duplicated**: before writing, an instance claims the program by
//!   creating `claims/<program id>` with link(2), which fails atomically when
//!   the name exists, on local filesystems and on NFS alike. A program claimed by another
//!   instance is not written again. The claim holds the claimant's id, so an
//!   instance that crashed between claiming and writing takes its own claim
//!   back when it meets the program again after resuming.
//! * **Shared corpus**: every sync interval an instance reads the corpus
//!   entries of the others that it has not seen yet and mutates them like
//!   its own, and re-reads their findings and counts into its dedup index.
//! * **One process per id**: the `lock` file is `flock`ed; a second instance
//!   with the same id is refused rather than allowed to interleave writes.

use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

/// One instance's view of `--out`.
pub struct Layout {
    pub out: PathBuf,
    pub instance: String,
    /// `<out>/<instance>`.
    pub me: PathBuf,
    /// Held for the instance's lifetime (the flock goes with it).
    _lock: File,
}

/// Instance ids become directory names: keep them plain.
pub fn valid_instance_id(id: &str) -> bool {
    !id.is_empty()
        && id != "claims"
        && !id.starts_with('.')
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

impl Layout {
    /// Creates (or reopens, to resume) the instance's directories and takes
    /// its lock; removes temporaries a crashed run of this instance left.
    pub fn open(out: &Path, instance: &str) -> Result<Layout, String> {
        if !valid_instance_id(instance) {
            return Err(format!("bad instance id `{instance}` (letters, digits, `-`, `_`, `.`)"));
        }
        let me = out.join(instance);
        for d in [me.join("findings"), me.join("corpus"), out.join("claims")] {
            fs::create_dir_all(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        }
        let lock_path = me.join("lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| format!("{}: {e}", lock_path.display()))?;
        // SAFETY: flock on a descriptor this function owns; no memory is shared.
        if unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            return Err(format!(
                "instance `{instance}` is already running on {} (give each instance its own --instance-id)",
                out.display()
            ));
        }
        for d in [me.clone(), me.join("findings"), me.join("corpus")] {
            crate::findings::clean_temporaries(&d);
        }
        Ok(Layout { out: out.to_path_buf(), instance: instance.to_string(), me, _lock: lock })
    }

    pub fn findings(&self) -> PathBuf {
        self.me.join("findings")
    }

    pub fn corpus(&self) -> PathBuf {
        self.me.join("corpus")
    }

    /// Claims a program for this instance: true if it is ours to write (new,
    /// or claimed by this instance before), false if another instance has it.
    pub fn claim(&self, program_id: &str) -> std::io::Result<bool> {
        let claims = self.out.join("claims");
        let path = claims.join(program_id);
        // The claim appears with its content already in it: written to a
        // private name, then hard-linked into place (link(2) fails if the
        // name exists, atomically, like O_EXCL).
        let tmp = claims.join(format!(".tmp-{program_id}-{}", self.instance));
        let mut f = File::create(&tmp)?;
        f.write_all(self.instance.as_bytes())?;
        f.sync_all()?;
        let linked = fs::hard_link(&tmp, &path);
        fs::remove_file(&tmp)?;
        match linked {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                let mut owner = String::new();
                File::open(&path)?.read_to_string(&mut owner)?;
                Ok(owner == self.instance)
            }
            Err(e) => Err(e),
        }
    }
}

/// The instance directories under `out` (sorted).
pub fn instance_dirs(out: &Path) -> Vec<PathBuf> {
    let Ok(rd) = fs::read_dir(out) else { return Vec::new() };
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .filter(|e| valid_instance_id(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .filter(|p| p.join("findings").is_dir())
        .collect();
    v.sort();
    v
}

/// Reads other instances' corpus entries, each once.
#[derive(Default)]
pub struct Importer {
    seen: BTreeSet<PathBuf>,
}

impl Importer {
    /// New corpus entries of instances other than `layout`'s: (id, bytes).
    pub fn import(&mut self, layout: &Layout) -> Vec<(String, Vec<u8>)> {
        let mut found = Vec::new();
        for dir in instance_dirs(&layout.out) {
            if dir == layout.me {
                continue;
            }
            let Ok(rd) = fs::read_dir(dir.join("corpus")) else { continue };
            let mut paths: Vec<PathBuf> = rd
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "bin"))
                .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
                .collect();
            paths.sort();
            for p in paths {
                if self.seen.insert(p.clone())
                    && let Ok(bytes) = fs::read(&p)
                {
                    let id = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                    found.push((id, bytes));
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_are_exclusive_between_instances_and_lock_is_per_id() {
        let out = std::env::temp_dir().join(format!("twin-sync-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&out);
        let a = Layout::open(&out, "a").unwrap();
        let b = Layout::open(&out, "b").unwrap();
        assert!(Layout::open(&out, "a").is_err(), "second process with the same id");
        assert!(a.claim("p1").unwrap());
        assert!(a.claim("p1").unwrap(), "own claim again (resume)");
        assert!(!b.claim("p1").unwrap());
        assert!(b.claim("p2").unwrap());
        fs::write(a.corpus().join("x.bin"), b"abc").unwrap();
        let mut imp = Importer::default();
        assert_eq!(imp.import(&b), [("x".to_string(), b"abc".to_vec())]);
        assert!(imp.import(&b).is_empty(), "each entry once");
        assert!(imp.import(&a).is_empty(), "not its own");
        assert_eq!(instance_dirs(&out), [out.join("a"), out.join("b")]);
        assert!(!valid_instance_id("claims") && !valid_instance_id("../x") && valid_instance_id("host-1"));
        drop((a, b));
        fs::remove_dir_all(&out).unwrap();
    }
}
