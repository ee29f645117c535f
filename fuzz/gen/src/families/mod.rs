//! The case families: weighted templates, each aimed at one thing tracing JITs get wrong,
//! with shapes and parameters drawn from the bytes.
//!
//! Every family returns one `do ... end` block (its locals end with it, so instances
//! never collide and the main chunk stays far from the 200-locals limit) that ends by
//! printing its results through `twin_out`. Each documents its shape in its own module.

use twin_lua::syntax::ast::Stat;

use crate::config::Feature;
use crate::ctx::Ctx;
use crate::dsl::do_;

mod coroutines;
mod ffi_callback;
mod ffi_data;
mod hot_loops;
mod metamethods;
mod numbers;
mod recursion;
mod strings;
mod tables;
mod varargs;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    HotLoops,
    Recursion,
    Metamethods,
    Numbers,
    Tables,
    Strings,
    Varargs,
    Coroutines,
    FfiData,
    FfiCallback,
}

impl Family {
    pub const ALL: [Family; 10] = [
        Family::HotLoops,
        Family::Recursion,
        Family::Metamethods,
        Family::Numbers,
        Family::Tables,
        Family::Strings,
        Family::Varargs,
        Family::Coroutines,
        Family::FfiData,
        Family::FfiCallback,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Family::HotLoops => "hot_loops",
            Family::Recursion => "recursion",
            Family::Metamethods => "metamethods",
            Family::Numbers => "numbers",
            Family::Tables => "tables",
            Family::Strings => "strings",
            Family::Varargs => "varargs",
            Family::Coroutines => "coroutines",
            Family::FfiData => "ffi_data",
            Family::FfiCallback => "ffi_callback",
        }
    }

    /// Features the family cannot do without; switching one off switches the family off.
    pub fn needs(self) -> &'static [Feature] {
        match self {
            Family::HotLoops | Family::Recursion | Family::Numbers | Family::Tables => &[],
            Family::Metamethods => &[Feature::Metatables, Feature::Closures],
            Family::Strings => &[Feature::StringLib],
            Family::Varargs => &[Feature::Varargs],
            Family::Coroutines => &[Feature::Coroutines, Feature::Closures],
            Family::FfiData => &[Feature::Ffi],
            Family::FfiCallback => &[Feature::Ffi, Feature::Closures],
        }
    }

    /// Relative frequency among the enabled families. Hot loops come first and weigh
    /// most: they are also the fallback when bytes run out.
    fn weight(self) -> u32 {
        match self {
            Family::HotLoops => 30,
            Family::Recursion => 14,
            Family::Metamethods => 14,
            Family::Numbers => 10,
            Family::Tables => 10,
            Family::Strings => 8,
            Family::Varargs => 8,
            Family::Coroutines => 7,
            Family::FfiData => 7,
            Family::FfiCallback => 5,
        }
    }

    /// One instance of the family, as a `do ... end` block.
    pub fn generate(self, ctx: &mut Ctx<'_>) -> Stat {
        let body = match self {
            Family::HotLoops => hot_loops::generate(ctx),
            Family::Recursion => recursion::generate(ctx),
            Family::Metamethods => metamethods::generate(ctx),
            Family::Numbers => numbers::generate(ctx),
            Family::Tables => tables::generate(ctx),
            Family::Strings => strings::generate(ctx),
            Family::Varargs => varargs::generate(ctx),
            Family::Coroutines => coroutines::generate(ctx),
            Family::FfiData => ffi_data::generate(ctx),
            Family::FfiCallback => ffi_callback::generate(ctx),
        };
        do_(body)
    }
}

/// Draws the next family among those the config enables (hot loops when none is).
pub fn choose(ctx: &mut Ctx<'_>) -> Family {
    let on: Vec<Family> = Family::ALL.iter().copied().filter(|&f| ctx.cfg.family_on(f)).collect();
    if on.is_empty() {
        return Family::HotLoops;
    }
    let weights: Vec<u32> = on.iter().map(|f| f.weight()).collect();
    on[ctx.weighted(&weights)]
}
