//! Where and when a measurement was taken: what makes a JSON file in the
//! history comparable (or not) with another one.

use std::path::Path;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// The circumstances of one `twin bench` run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// UTC, ISO 8601 (`2026-11-21T12:40:00Z`).
    pub timestamp: String,
    pub unix_time: u64,
    pub host: String,
    pub cpu: String,
    pub cores: usize,
    pub arch: String,
    pub kernel: String,
    /// 1-minute load average when the run started and when it ended: other
    /// work on the machine shows here, and in the wall-clock times.
    pub load_before: f64,
    pub load_after: f64,
    /// `git rev-parse HEAD` of the source tree, `+dirty` when it has changes.
    pub commit: String,
    /// The command line that produced the figures.
    pub command: Vec<String>,
}

impl Meta {
    /// Facts about this machine and `repo`'s checkout, now.
    pub fn collect(repo: &Path) -> Meta {
        let unix_time = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default().trim().to_string();
        let cpu = read("/proc/cpuinfo")
            .lines()
            .find_map(|l| {
                l.strip_prefix("model name")
                    .and_then(|r| r.split_once(':'))
                    .map(|(_, v)| v.trim().to_string())
            })
            .unwrap_or_else(|| "unknown".into());
        Meta {
            timestamp: iso8601(unix_time),
            unix_time,
            host: read("/proc/sys/kernel/hostname"),
            cpu,
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            arch: std::env::consts::ARCH.to_string(),
            kernel: read("/proc/sys/kernel/osrelease"),
            load_before: load_average(),
            load_after: load_average(),
            commit: git_commit(repo),
            command: std::env::args().collect(),
        }
    }

    /// `20261121T124000Z`: for file names that sort by time.
    pub fn stamp(&self) -> String {
        self.timestamp.replace(['-', ':'], "")
    }

    /// One line for the top of a report.
    pub fn describe(&self) -> String {
        format!(
            "{}, {} ({}, {} cores, {}), load {:.2} -> {:.2}, commit {}",
            self.timestamp,
            self.host,
            self.cpu,
            self.cores,
            self.arch,
            self.load_before,
            self.load_after,
            self.commit
        )
    }
}

/// The 1-minute load average (0 when unknown).
pub fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse().ok()))
        .unwrap_or(0.0)
}

fn git_commit(repo: &Path) -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(repo)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    match git(&["rev-parse", "HEAD"]) {
        Some(head)
            if git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty()) =>
        {
            format!("{head}+dirty")
        }
        Some(head) => head,
        None => "unknown".into(),
    }
}

/// Seconds since the epoch as a UTC ISO 8601 timestamp, through the civil
/// calendar: days since 1970-01-01 split into 400-year eras of 146097 days,
/// years counted from March so that leap days fall at a year's end.
pub fn iso8601(unix: u64) -> String {
    let days = (unix / 86400) as i64;
    let secs = unix % 86400;
    let z = days + 719_468; // days from 0000-03-01 to 1970-01-01
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso8601(1_795_262_400 + 3723), "2026-11-21T13:02:03Z");
        assert_eq!(iso8601(4_107_542_399), "2100-02-28T23:59:59Z");
    }

    #[test]
    fn collected_facts_are_filled_in() {
        let m = Meta::collect(Path::new(env!("CARGO_MANIFEST_DIR")));
        assert!(m.cores >= 1 && !m.arch.is_empty());
        assert_eq!(m.stamp().len(), "20261121T010203Z".len());
    }
}
