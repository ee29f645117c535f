//! Measures the generator on a batch of programs with LuaJIT: `cargo run -p twin-gen
//! --release --example stats -- --count N [--start S] [--jobs 2] [--timeout 10]
//! [--luajit luajit] [--keep DIR]`.
//!
//! Every program is written to a temporary file and run as
//! `timeout T luajit -e "TWIN_FFI_HELPER='<helper>'" -Ohotloop=1 -Ohotexit=1 -jv FILE`,
//! on `--jobs` threads; the counts and rates are printed by `Stats::report`.
//! `--flags "..."` replaces the engine flags (e.g. `--flags -joff` for the interpreter:
//! then no traces are expected, but errors are still counted).

use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use twin_gen::stats::{Exit, RunOutcome, Stats};

struct Args {
    count: u64,
    start: u64,
    jobs: usize,
    timeout: u32,
    luajit: String,
    flags: Vec<String>,
    keep: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        count: 1000,
        start: 0,
        jobs: 2,
        timeout: 10,
        luajit: "luajit".into(),
        flags: ["-Ohotloop=1", "-Ohotexit=1", "-jv"].map(String::from).to_vec(),
        keep: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().ok_or(format!("{flag} needs a value"));
        let num = |v: String| v.parse::<u64>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--count" => a.count = num(val()?)?,
            "--start" => a.start = num(val()?)?,
            "--jobs" => a.jobs = num(val()?)?.max(1) as usize,
            "--timeout" => a.timeout = num(val()?)? as u32,
            "--luajit" => a.luajit = val()?,
            "--keep" => a.keep = Some(val()?),
            "--flags" => a.flags = val()?.split_whitespace().map(String::from).collect(),
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    Ok(a)
}

fn run(a: &Args, file: &std::path::Path) -> RunOutcome {
    let helper = twin_gen::helper_lib_path().display().to_string();
    let out = Command::new("timeout")
        .arg(a.timeout.to_string())
        .arg(&a.luajit)
        .arg("-e")
        .arg(format!("TWIN_FFI_HELPER = {helper:?}"))
        .args(&a.flags)
        .arg(file)
        .output();
    match out {
        Err(e) => RunOutcome {
            exit: Exit::Error,
            stdout: vec![],
            stderr: format!("spawn failed: {e}").into_bytes(),
        },
        Ok(o) => {
            let exit = match o.status.code() {
                Some(0) => Exit::Ok,
                Some(124) => Exit::Timeout,
                // `timeout` reports a child killed by signal N as 128 + N.
                Some(c) if c > 128 => Exit::Crash,
                Some(_) => Exit::Error,
                None => Exit::Crash,
            };
            RunOutcome { exit, stdout: o.stdout, stderr: o.stderr }
        }
    }
}

fn main() {
    let a = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("stats: {e}");
            std::process::exit(2);
        }
    };
    let dir = match &a.keep {
        Some(d) => std::path::PathBuf::from(d),
        None => std::env::temp_dir().join(format!("twin-gen-stats-{}", std::process::id())),
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("stats: {}: {e}", dir.display());
        std::process::exit(1);
    }
    let next = AtomicU64::new(a.start);
    let total = Mutex::new(Stats::default());
    std::thread::scope(|s| {
        for _ in 0..a.jobs {
            s.spawn(|| {
                let mut mine = Stats::default();
                loop {
                    let seed = next.fetch_add(1, Ordering::Relaxed);
                    if seed >= a.start + a.count {
                        break;
                    }
                    let p = twin_gen::from_seed(seed);
                    let file = dir.join(format!("{seed}.lua"));
                    if let Err(e) = std::fs::write(&file, &p.text) {
                        eprintln!("stats: {}: {e}", file.display());
                        continue;
                    }
                    let o = run(&a, &file);
                    mine.record(&p, &o);
                    if a.keep.is_none() {
                        let _ = std::fs::remove_file(&file);
                    }
                }
                total.lock().unwrap_or_else(|e| e.into_inner()).merge(&mine);
            });
        }
    });
    if a.keep.is_none() {
        let _ = std::fs::remove_dir(&dir);
    }
    let t = total.into_inner().unwrap_or_else(|e| e.into_inner());
    print!("{}", t.report());
}
