//! Function prototypes: what the compiler produces and the VM loads.
//!
//! A `Proto` is plain Rust data with no GC references, so the compiler needs nothing
//! from the VM. Loading a chunk turns each `Proto` into a GC prototype object, interning
//! its string constants and building its template tables; the bytecode is used as is.
//!
//! Debug information is complete enough for LuaJIT's error messages and the `debug`
//! library: a line per instruction, every local's name, slot and live range (hidden
//! loop-control locals included, named as LuaJIT names them, e.g. `(for index)`), and
//! upvalue names.

use super::op::Ins;

#[derive(Clone, Debug, Default)]
pub struct Proto {
    /// The instructions; `code[0]` is the function header (`FUNCF` or `FUNCV`).
    pub code: Vec<Ins>,
    /// Source line of each instruction (`lines.len() == code.len()`).
    pub lines: Vec<u32>,
    /// Number constants (`num` operands).
    pub knum: Vec<f64>,
    /// GC constants (`str` operands, `TDUP` templates, `KCDATA` literals).
    pub kgc: Vec<Const>,
    /// Child prototypes (`FNEW` operands).
    pub protos: Vec<Proto>,
    /// How each upvalue of a closure of this prototype is captured at `FNEW`.
    pub uvdesc: Vec<UpvalDesc>,
    /// Upvalue names, parallel to `uvdesc`.
    pub uvnames: Vec<String>,
    /// Local variables with their live ranges, in order of declaration.
    pub varinfo: Vec<VarInfo>,
    pub numparams: u8,
    pub is_vararg: bool,
    /// Number of slots the function needs above its base.
    pub framesize: u8,
    /// The chunk name as given to `load` (`@file`, `=stdin`, or source text).
    pub chunkname: std::rc::Rc<str>,
    /// First and last line of the definition (0 for the main chunk).
    pub linedefined: u32,
    pub lastlinedefined: u32,
}

/// A GC constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    Str(Vec<u8>),
    /// A table constructor's constant part, copied by `TDUP`.
    Table(TableTemplate),
    /// `12LL`
    Int64(i64),
    /// `12ULL`
    UInt64(u64),
    /// `3i`: real and imaginary part.
    Complex(f64, f64),
}

/// The constant entries of a table constructor, laid out as LuaJIT's own template
/// table is: `array[i]` is the value of key `i` (slot 0 included: key 0 sits there
/// when the array part exists), and `array.len()` is the size of the array part, which
/// `#` depends on. Entries filled by code after `TDUP` are `nil` holes. Hash entries
/// never have a `nil` value, and each key appears once.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TableTemplate {
    pub array: Vec<KValue>,
    pub hash: Vec<(KValue, KValue)>,
}

/// A constant value inside a template table.
#[derive(Clone, Debug, PartialEq)]
pub enum KValue {
    Nil,
    False,
    True,
    Num(f64),
    Str(Vec<u8>),
}

/// Where `FNEW` finds an upvalue: a slot of the enclosing function's frame
/// (`in_parent_local`), or one of the enclosing closure's own upvalues.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UpvalDesc {
    pub in_parent_local: bool,
    pub index: u8,
    /// Never assigned after capture (the JIT may then treat it as a constant).
    pub immutable: bool,
}

/// A local variable: live in `slot` for `startpc <= pc < endpc`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarInfo {
    pub name: String,
    pub slot: u8,
    pub startpc: u32,
    pub endpc: u32,
}

impl Proto {
    /// The name of the local living in `slot` at `pc`, if any (innermost declaration).
    pub fn local_name(&self, slot: u8, pc: u32) -> Option<&str> {
        self.varinfo
            .iter()
            .rev()
            .find(|v| v.slot == slot && v.startpc <= pc && pc < v.endpc)
            .map(|v| v.name.as_str())
    }
}
