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

use std::collections::{BTreeMap, HashMap};
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
    ///
    /// With `votes` above 1 every program runs twice, and a third time when
    /// the two runs disagree; the majority decides. LuaJIT is not fully
    /// repeatable (its trace penalties and machine-code placement draw on a
    /// PRNG seeded from the OS), so a single run would let a rare outcome
    /// steer the reduction differently from one invocation to the next.
    pub fn test(&mut self, programs: &[Arc<str>], votes: usize) -> Vec<bool> {
        let mut todo: Vec<usize> = Vec::new();
        for (i, p) in programs.iter().enumerate() {
            // The same text twice in one batch runs once.
            if !self.cache.contains_key(p) && !programs[..i].contains(p) {
                todo.push(i);
            }
        }
        let first = self.run(programs, &todo);
        let mut decided: Vec<(usize, bool)> = Vec::new();
        if votes > 1 {
            let second = self.run(programs, &todo);
            let split: Vec<usize> = todo.iter().copied().filter(|i| first.get(i) != second.get(i)).collect();
            let third = self.run(programs, &split);
            for i in &todo {
                let keeps = if split.contains(i) { third.get(i) } else { first.get(i) };
                decided.push((*i, keeps.copied().unwrap_or(false)));
            }
        } else {
            decided.extend(todo.iter().map(|i| (*i, first.get(i).copied().unwrap_or(false))));
        }
        for (i, keeps) in decided {
            self.cache.insert(Arc::clone(&programs[i]), keeps);
        }
        programs.iter().map(|p| self.cache.get(p).copied().unwrap_or(false)).collect()
    }

    /// One run of each `programs[i]` for `i` in `which`: whether it kept the goal.
    fn run(&mut self, programs: &[Arc<str>], which: &[usize]) -> BTreeMap<usize, bool> {
        let mut answers = BTreeMap::new();
        let mut pending = 0;
        for &i in which {
            match &self.jobs {
                Some(jobs) if jobs.send((i, Arc::clone(&programs[i]))).is_ok() => pending += 1,
                _ => {
                    answers.insert(i, false);
                }
            }
        }
        self.runs += pending;
        for _ in 0..pending {
            let Ok((i, answer)) = self.answers.recv() else { break };
            answers.insert(i, matches!(answer, Ok(Some(ref g)) if *g == self.goal));
        }
        answers
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
