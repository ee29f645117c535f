//! The swarm configuration: per program, a random subset of families and features is
//! switched off and limits are drawn, so a campaign explores programs that are dense in
//! one thing instead of programs that are all a thin mix of everything (Groce et al.,
//! "Swarm testing", ISSTA 2012).
//!
//! `Config` is drawn first from the same bytes as the program. Every field is stored raw
//! and read through an accessor that maps it into its legal range, so any bytes (and
//! running out of bytes, which makes every field zero) give a usable configuration.
//! Masks say what is *off*: all-zero bytes mean everything on, the richest program.

use arbitrary::Arbitrary;

use crate::families::Family;

/// Language features a program may use, as bits of [`Config::features_off`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Feature {
    Metatables,
    Closures,
    Varargs,
    Coroutines,
    StringLib,
    Ffi,
    Goto,
    /// `while` and `repeat` loops (numeric `for` is always on: hot loops need it).
    WhileRepeat,
    /// `pcall`/`error` paths in the random statement mix.
    ErrorPaths,
    BitLib,
}

impl Feature {
    pub const ALL: [Feature; 10] = [
        Feature::Metatables,
        Feature::Closures,
        Feature::Varargs,
        Feature::Coroutines,
        Feature::StringLib,
        Feature::Ffi,
        Feature::Goto,
        Feature::WhileRepeat,
        Feature::ErrorPaths,
        Feature::BitLib,
    ];
}

#[derive(Arbitrary, Clone, Debug, PartialEq, Eq, Default)]
pub struct Config {
    /// Bit `i` switches off `Family::ALL[i]`. If that leaves none, all are on.
    pub families_off: u16,
    /// Bits `2f` and `2f + 1` both set switch off [`Feature`] `f` (each feature is off
    /// with probability 1/4: features combine, and families need several).
    pub features_off: u32,
    /// Number of family instances in the program, see [`Config::instances`].
    pub instances: u8,
    /// Hot loop trip counts, see [`Config::trip`].
    pub trip: u8,
    /// Recursion depth, see [`Config::recursion_depth`].
    pub recursion_depth: u8,
    /// Expression nesting, see [`Config::expr_depth`].
    pub expr_depth: u8,
    /// Statements per random block, see [`Config::stmts`].
    pub stmts: u8,
    /// Checkpoint density, see [`Config::checkpoint_percent`].
    pub checkpoints: u8,
    /// Allow output that only one engine reproduces (`#` of tables with holes), see
    /// [`Config::same_engine`].
    pub same_engine: u8,
}

impl Config {
    pub fn family_on(&self, f: Family) -> bool {
        let all_off = Family::ALL.iter().all(|&g| self.families_off & (1 << g as u16) != 0);
        let needs = f.needs();
        (all_off || self.families_off & (1 << f as u16) == 0) && needs.iter().all(|&n| self.feature(n))
    }

    pub fn feature(&self, f: Feature) -> bool {
        let both = 0b11 << (2 * f as u32);
        self.features_off & both != both
    }

    /// 1..=6 family instances (zero bytes: one).
    pub fn instances(&self) -> u32 {
        1 + u32::from(self.instances % 6)
    }

    /// Trip count of a hot loop: 60..=300, far past LuaJIT's default hotloop (56) so the
    /// loop is compiled even without `-Ohotloop`, and its side exits get hot too.
    pub fn trip(&self) -> u32 {
        60 + u32::from(self.trip) * 240 / 255
    }

    /// Depth of bounded recursion: 4..=40.
    pub fn recursion_depth(&self) -> u32 {
        4 + u32::from(self.recursion_depth) * 36 / 255
    }

    /// Maximum expression nesting: 1..=4.
    pub fn expr_depth(&self) -> u32 {
        1 + u32::from(self.expr_depth % 4)
    }

    /// Statements in a generated block: 1..=5.
    pub fn stmts(&self) -> u32 {
        1 + u32::from(self.stmts % 5)
    }

    /// Whether families may use engine-specific behaviour (one program in four). Programs
    /// that do are marked [`crate::Program::same_engine_only`].
    pub fn same_engine(&self) -> bool {
        self.same_engine % 4 == 3
    }

    /// Chance, in percent, that an eligible site gets a checkpoint: 0, 25, 50, 100.
    pub fn checkpoint_percent(&self) -> u32 {
        [50, 0, 25, 100][usize::from(self.checkpoints % 4)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_bytes_switch_everything_on_at_the_smallest_limits() {
        let c = Config::default();
        assert!(Family::ALL.iter().all(|&f| c.family_on(f)));
        assert!(Feature::ALL.iter().all(|&f| c.feature(f)));
        assert_eq!((c.instances(), c.trip(), c.recursion_depth()), (1, 60, 4));
        assert!(!c.same_engine());
    }

    #[test]
    fn limits_stay_in_range() {
        let c = Config {
            instances: 255,
            trip: 255,
            recursion_depth: 255,
            expr_depth: 255,
            stmts: 255,
            checkpoints: 255,
            ..Config::default()
        };
        assert_eq!((c.trip(), c.recursion_depth()), (300, 40));
        assert!(c.instances() <= 6 && c.expr_depth() <= 4 && c.stmts() <= 5);
        assert!(c.checkpoint_percent() <= 100);
    }

    #[test]
    fn a_family_is_off_when_a_feature_it_needs_is() {
        let ffi_off = 0b11 << (2 * Feature::Ffi as u32);
        let c = Config { features_off: ffi_off, ..Config::default() };
        assert!(!c.family_on(Family::FfiData) && !c.family_on(Family::FfiCallback));
        assert!(c.family_on(Family::HotLoops));
        // Every family switched off means every family on.
        let c = Config { families_off: u16::MAX, ..Config::default() };
        assert!(Family::ALL.iter().all(|&f| c.family_on(f)));
    }
}
