//! Candidate testing: a pool of threads, each with its own [`Session`].
//!
//! Workers belong to the thread that started them, so every pool thread
//! builds its own session and keeps it for the pool's life. A batch of
//! candidates goes out at once; answers come back tagged with their index in
//! the batch, so the caller sees them in candidate order whatever order the
//! threads finished in. That is what keeps reduction deterministic: the
//! reducer accepts the first success in candidate order, never the first
//! to arrive.
//!
//! Answers are cached by program text (candidates are canonical printed text,
//! so two edits that produce the same program share one run).

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::goal::Goal;
use crate::engine::Engine;
use crate::session::{Options, Session};

type Job = (usize, Arc<str>);
type Answer = (usize, Result<Option<Goal>, String>);

pub struct Pool {
    jobs: Option<Sender<Job>>,
    answers: Receiver<Answer>,
    threads: Vec<JoinHandle<()>>,
    cache: HashMap<Arc<str>, bool>,
    goal: Goal,
    /// Programs actually run (cache misses).
    pub runs: usize,
}

impl Pool {
    /// Starts `threads` testers over `engines` judging against `goal`.
    pub fn new(engines: &[Engine], options: &Options, threads: usize, goal: Goal) -> Result<Pool, String> {
        let (jobs, job_rx) = channel::<Job>();
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (answer_tx, answers) = channel::<Answer>();
        let mut handles = Vec::new();
        for n in 0..threads.max(1) {
            let (engines, options, job_rx, answer_tx) =
                (engines.to_vec(), options.clone(), Arc::clone(&job_rx), answer_tx.clone());
            let handle = std::thread::Builder::new()
                .name(format!("reduce-{n}"))
                .spawn(move || {
                    let mut session = Session::new(engines, options).map_err(|e| e.0);
                    loop {
                        let job = match job_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        let Ok((i, program)) = job else { return };
                        let answer = match &mut session {
                            Ok(s) => s.diff(&program).map(|r| Goal::of(&r)).map_err(|e| e.0),
                            Err(e) => Err(e.clone()),
                        };
                        if answer_tx.send((i, answer)).is_err() {
                            return;
                        }
                    }
                })
                .map_err(|e| format!("cannot start a reducer thread: {e}"))?;
            handles.push(handle);
        }
        Ok(Pool { jobs: Some(jobs), answers, threads: handles, cache: HashMap::new(), goal, runs: 0 })
    }

    /// Whether each program keeps the goal, in the programs' order.
    pub fn test(&mut self, programs: &[Arc<str>]) -> Vec<bool> {
        let mut out: Vec<Option<bool>> = programs.iter().map(|p| self.cache.get(p).copied()).collect();
        let mut pending = 0;
        for (i, p) in programs.iter().enumerate() {
            // The same text twice in one batch runs once.
            let first = programs[..i].iter().position(|q| q == p);
            if out[i].is_none() && first.is_none() {
                if let Some(jobs) = &self.jobs
                    && jobs.send((i, Arc::clone(p))).is_ok()
                {
                    pending += 1;
                } else {
                    out[i] = Some(false);
                }
            }
        }
        self.runs += pending;
        for _ in 0..pending {
            let Ok((i, answer)) = self.answers.recv() else { break };
            let keeps = matches!(answer, Ok(Some(ref g)) if *g == self.goal);
            self.cache.insert(Arc::clone(&programs[i]), keeps);
            out[i] = Some(keeps);
        }
        programs
            .iter()
            .enumerate()
            .map(|(i, p)| out[i].or_else(|| self.cache.get(p).copied()).unwrap_or(false))
            .collect()
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // Closing the job channel ends every thread's loop; their sessions
        // (and worker processes) are dropped on their own threads.
        self.jobs = None;
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}
