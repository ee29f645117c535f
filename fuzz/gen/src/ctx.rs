//! The generator's state while one program is built: the byte source, the config, fresh
//! names, checkpoint ids and fuel.
//!
//! Every draw here is infallible. `Unstructured` hands out zeros, `false` and the first
//! choice once its bytes run out; the draws below turn that into the *smallest* legal
//! choice, so an exhausted source still finishes a complete program. Fuel is the other
//! half of that guarantee: a plain counter, set per family instance and spent by every
//! random expression node, that does not depend on drawing anything nonzero.
//!
//! Each family instance draws from its own slice of the input ([`Ctx::start_instance`]),
//! with its own fuel, so a byte flipped inside one instance's slice changes that
//! instance only (and, through name and checkpoint numbering, nothing but names in the
//! later ones): small input changes make small program changes.

use arbitrary::Unstructured;
use twin_lua::syntax::ast::Stat;

use crate::config::{Config, Feature};
use crate::dsl::*;
use crate::families::Family;

/// Random expression nodes one family instance may spend (templates are free: they are
/// bounded by their own shape).
const FUEL: u32 = 1000;

pub struct Ctx<'a> {
    u: Unstructured<'a>,
    pub cfg: Config,
    names: u32,
    checkpoints: u32,
    fuel: u32,
    /// The FFI helper library is loaded by the prelude (`twin_helper`).
    pub uses_helper: bool,
    /// `ffi` is required by the prelude.
    pub uses_ffi: bool,
    /// The prelude defines `twin_proxy`/`twin_val` (arithmetic proxies).
    pub uses_proxy: bool,
    pub same_engine_only: bool,
    pub families: Vec<Family>,
}

impl<'a> Ctx<'a> {
    pub fn new(cfg: Config) -> Ctx<'a> {
        Ctx {
            u: Unstructured::new(&[]),
            cfg,
            names: 0,
            checkpoints: 0,
            fuel: FUEL,
            uses_helper: false,
            uses_ffi: false,
            uses_proxy: false,
            same_engine_only: false,
            families: Vec::new(),
        }
    }

    /// Makes `bytes` the byte source of the next family instance and refills its fuel.
    pub fn start_instance(&mut self, bytes: &'a [u8]) {
        self.u = Unstructured::new(bytes);
        self.fuel = FUEL;
    }

    /// A name no other part of the program uses: `prefix` plus a counter.
    pub fn fresh(&mut self, prefix: &str) -> String {
        self.names += 1;
        format!("{prefix}{}", self.names)
    }

    /// Uniform in `lo..=hi` (`lo` when bytes run out).
    pub fn int(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        self.u.int_in_range(lo..=hi).unwrap_or(lo)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 { 0 } else { self.u.int_in_range(0..=n - 1).unwrap_or(0) }
    }

    /// True with probability `percent`/100 (false when bytes run out).
    pub fn chance(&mut self, percent: u32) -> bool {
        match percent {
            0 => false,
            100.. => true,
            p => self.u.int_in_range(0..=99u32).map(|x| x < p).unwrap_or(false),
        }
    }

    pub fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    /// An index into `weights`, each chosen with probability proportional to its weight.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        if total == 0 {
            return 0;
        }
        let mut x = self.u.int_in_range(0..=total - 1).unwrap_or(0);
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        0
    }

    pub fn feature(&self, f: Feature) -> bool {
        self.cfg.feature(f)
    }

    /// Spends one unit of fuel; false when none is left (callers then build a leaf).
    pub fn spend(&mut self) -> bool {
        if self.fuel == 0 {
            return false;
        }
        self.fuel -= 1;
        true
    }

    pub fn fuel(&self) -> u32 {
        self.fuel
    }

    /// A fresh checkpoint call, always.
    pub fn checkpoint_now(&mut self) -> Stat {
        self.checkpoints += 1;
        call_stat(call(name("twin_checkpoint"), vec![int(i64::from(self.checkpoints))]))
    }

    /// Appends a checkpoint to `stats` with the config's density. Families call this at
    /// the sites worth observing: inside hot loops, metamethods and callbacks, after a
    /// `pcall` caught an error, before returns.
    pub fn checkpoint(&mut self, stats: &mut Vec<Stat>) {
        let p = self.cfg.checkpoint_percent();
        if self.chance(p) {
            let c = self.checkpoint_now();
            stats.push(c);
        }
    }

    pub fn checkpoint_count(&self) -> u32 {
        self.checkpoints
    }
}
