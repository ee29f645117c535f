//! `TValue`: every Lua value in 8 bytes, NaN-tagged in the style of LuaJIT's GC64 mode.
//!
//! Machine code (the JIT's traces, the FFI's call stubs) reads and writes these bits
//! directly, so this file is the one place the layout is defined; everything else goes
//! through the constructors and predicates below.
//!
//! ```text
//!   63            47 46                                              0
//!  +----------------+-------------------------------------------------+
//!  |   tag (17 b)   |               payload (47 b)                    |
//!  +----------------+-------------------------------------------------+
//!
//!  u64 <  0xFFF9_0000_0000_0000   a double, stored as itself (tag < TAG_MIN)
//!  u64 >= 0xFFF9_0000_0000_0000   a tagged value: tag = u64 >> 47, one of TAG_*
//! ```
//!
//! Doubles occupy every bit pattern below `0xFFF9 << 48`; that includes both canonical
//! NaNs (`0x7FF8...` and the x86 default `0xFFF8...`), so arithmetic results never
//! need a check. A NaN that arrives from outside with a payload in the tagged range
//! (bit casts, FFI loads) must go through [`TValue::number`], which canonicalises it.
//!
//! Pointers to GC objects fit in 47 bits on both x86-64 and aarch64 Linux user space
//! (48-bit virtual addresses with the top half reserved for the kernel).
//!
//! Tag order follows LuaJIT's `itype` convention (nil highest, then false, true, ...),
//! so `v >= TRUE` style range checks work the same way in the JIT.

use std::fmt;

/// One Lua value. `#[repr(transparent)]`: exactly a `u64` to machine code.
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TValue(pub u64);

const _: () = assert!(std::mem::size_of::<TValue>() == 8);
const _: () = assert!(std::mem::align_of::<TValue>() == 8);

/// Number of payload bits below the tag.
pub const TAG_SHIFT: u32 = 47;
/// Mask of the payload bits.
pub const PAYLOAD_MASK: u64 = (1 << TAG_SHIFT) - 1;

pub const TAG_NIL: u64 = 0x1FFFF;
pub const TAG_FALSE: u64 = 0x1FFFE;
pub const TAG_TRUE: u64 = 0x1FFFD;
pub const TAG_LIGHTUD: u64 = 0x1FFFC;
pub const TAG_STR: u64 = 0x1FFFB;
/// Internal: an upvalue object (never visible to Lua code).
pub const TAG_UPVAL: u64 = 0x1FFFA;
pub const TAG_THREAD: u64 = 0x1FFF9;
/// Internal: a function prototype (never visible to Lua code).
pub const TAG_PROTO: u64 = 0x1FFF8;
pub const TAG_FUNC: u64 = 0x1FFF7;
/// Internal: a frame link stored in a stack slot (see `vm::frame`).
pub const TAG_FRAME: u64 = 0x1FFF6;
pub const TAG_CDATA: u64 = 0x1FFF5;
pub const TAG_TABLE: u64 = 0x1FFF4;
pub const TAG_UDATA: u64 = 0x1FFF3;
/// Lowest tag in use; every `u64` below `TAG_MIN << TAG_SHIFT` is a double.
pub const TAG_MIN: u64 = 0x1FFF2;

/// First bit pattern that is not a double.
pub const NUMBER_LIMIT: u64 = TAG_MIN << TAG_SHIFT;
const _: () = assert!(NUMBER_LIMIT == 0xFFF9_0000_0000_0000);
// Both hardware default NaNs must be plain doubles.
const _: () = assert!(0x7FF8_0000_0000_0000 < NUMBER_LIMIT);
const _: () = assert!(0xFFF8_0000_0000_0000 < NUMBER_LIMIT);
// Every tag must sit at or above TAG_MIN.
const _: () = assert!(TAG_UDATA >= TAG_MIN);

/// The canonical NaN produced when a foreign NaN is stored (x86-64's default NaN).
pub const CANONICAL_NAN: u64 = 0xFFF8_0000_0000_0000;

/// The Lua-visible type of a value, in `type()` order of names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Type {
    Nil,
    Boolean,
    LightUserdata,
    Number,
    String,
    Table,
    Function,
    Userdata,
    Thread,
    Cdata,
    /// Internal values (upvalues, prototypes, frame links) that Lua code never sees.
    Internal,
}

impl Type {
    /// The name `type()` returns.
    pub fn name(self) -> &'static str {
        match self {
            Type::Nil => "nil",
            Type::Boolean => "boolean",
            Type::LightUserdata | Type::Userdata => "userdata",
            Type::Number => "number",
            Type::String => "string",
            Type::Table => "table",
            Type::Function => "function",
            Type::Thread => "thread",
            Type::Cdata => "cdata",
            Type::Internal => "proto",
        }
    }
}

impl TValue {
    pub const NIL: TValue = TValue::tagged(TAG_NIL, 0);
    pub const FALSE: TValue = TValue::tagged(TAG_FALSE, 0);
    pub const TRUE: TValue = TValue::tagged(TAG_TRUE, 0);

    /// A tagged value with the given payload (which must fit in 47 bits).
    #[inline(always)]
    pub const fn tagged(tag: u64, payload: u64) -> TValue {
        debug_assert!(payload <= PAYLOAD_MASK);
        TValue((tag << TAG_SHIFT) | payload)
    }

    /// A number. NaNs are canonicalised so no NaN payload can alias a tag.
    #[inline(always)]
    pub fn number(n: f64) -> TValue {
        let bits = n.to_bits();
        if bits < NUMBER_LIMIT {
            TValue(bits)
        } else {
            // Only NaNs with the sign bit and a large payload reach here.
            TValue(CANONICAL_NAN)
        }
    }

    #[inline(always)]
    pub const fn boolean(b: bool) -> TValue {
        if b { TValue::TRUE } else { TValue::FALSE }
    }

    /// A GC reference with the given tag. The pointer must fit in 47 bits.
    #[inline(always)]
    pub fn gc<T>(tag: u64, ptr: *const T) -> TValue {
        let p = ptr as u64;
        debug_assert!(p <= PAYLOAD_MASK, "pointer {p:#x} does not fit in 47 bits");
        TValue::tagged(tag, p)
    }

    #[inline(always)]
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// The tag: for doubles some value below `TAG_MIN`.
    #[inline(always)]
    pub const fn tag(self) -> u64 {
        self.0 >> TAG_SHIFT
    }

    #[inline(always)]
    pub const fn payload(self) -> u64 {
        self.0 & PAYLOAD_MASK
    }

    /// The payload as a raw pointer (meaningful only for GC tags and light userdata).
    #[inline(always)]
    pub fn ptr<T>(self) -> *mut T {
        self.payload() as *mut T
    }

    #[inline(always)]
    pub const fn is_number(self) -> bool {
        self.0 < NUMBER_LIMIT
    }

    #[inline(always)]
    pub const fn as_number(self) -> f64 {
        f64::from_bits(self.0)
    }

    /// The number, if this is one.
    #[inline(always)]
    pub fn to_number(self) -> Option<f64> {
        if self.is_number() { Some(self.as_number()) } else { None }
    }

    #[inline(always)]
    pub const fn is_nil(self) -> bool {
        self.0 == TValue::NIL.0
    }

    /// Lua truthiness: everything but `nil` and `false` is true. Relies on the tag order.
    #[inline(always)]
    pub const fn is_truthy(self) -> bool {
        self.0 < TValue::FALSE.0
    }

    #[inline(always)]
    pub const fn is_falsy(self) -> bool {
        !self.is_truthy()
    }

    #[inline(always)]
    pub const fn is_bool(self) -> bool {
        self.0 == TValue::TRUE.0 || self.0 == TValue::FALSE.0
    }

    #[inline(always)]
    pub const fn is_str(self) -> bool {
        self.tag() == TAG_STR
    }

    #[inline(always)]
    pub const fn is_table(self) -> bool {
        self.tag() == TAG_TABLE
    }

    #[inline(always)]
    pub const fn is_func(self) -> bool {
        self.tag() == TAG_FUNC
    }

    #[inline(always)]
    pub const fn is_frame(self) -> bool {
        self.tag() == TAG_FRAME
    }

    /// True for values that reference a collectable object.
    #[inline(always)]
    pub const fn is_gc(self) -> bool {
        let t = self.tag();
        t >= TAG_MIN && t <= TAG_STR && t != TAG_FRAME
    }

    /// The Lua-visible type.
    pub const fn type_of(self) -> Type {
        if self.is_number() {
            return Type::Number;
        }
        match self.tag() {
            TAG_NIL => Type::Nil,
            TAG_FALSE | TAG_TRUE => Type::Boolean,
            TAG_LIGHTUD => Type::LightUserdata,
            TAG_STR => Type::String,
            TAG_THREAD => Type::Thread,
            TAG_FUNC => Type::Function,
            TAG_CDATA => Type::Cdata,
            TAG_TABLE => Type::Table,
            TAG_UDATA => Type::Userdata,
            _ => Type::Internal,
        }
    }

    /// Raw equality (`rawequal`): same bits, except that numbers compare as doubles
    /// (so `0 == -0` and `NaN ~= NaN`).
    #[inline(always)]
    pub fn raw_eq(self, other: TValue) -> bool {
        if self.is_number() && other.is_number() {
            self.as_number() == other.as_number()
        } else {
            self.0 == other.0
        }
    }
}

impl fmt::Debug for TValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_number() {
            write!(f, "TValue({})", self.as_number())
        } else {
            write!(f, "TValue({}:{:#x})", self.type_of().name(), self.payload())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_themselves() {
        for n in [0.0, -0.0, 1.5, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN_POSITIVE] {
            let v = TValue::number(n);
            assert!(v.is_number());
            assert_eq!(v.as_number().to_bits(), n.to_bits());
        }
    }

    #[test]
    fn nans_stay_numbers() {
        let quiet = TValue::number(f64::NAN);
        assert!(quiet.is_number() && quiet.as_number().is_nan());
        let x86_default = TValue::number(f64::from_bits(0xFFF8_0000_0000_0000));
        assert_eq!(x86_default.bits(), 0xFFF8_0000_0000_0000);
        // A NaN whose payload reaches into the tag space is canonicalised.
        let hostile = TValue::number(f64::from_bits(0xFFFF_8000_0000_0001));
        assert_eq!(hostile.bits(), CANONICAL_NAN);
        assert!(!hostile.is_nil());
    }

    #[test]
    fn truthiness_follows_tag_order() {
        assert!(TValue::NIL.is_falsy());
        assert!(TValue::FALSE.is_falsy());
        assert!(TValue::TRUE.is_truthy());
        assert!(TValue::number(0.0).is_truthy());
        assert!(TValue::number(f64::NAN).is_truthy());
        assert!(TValue::tagged(TAG_TABLE, 0x1000).is_truthy());
        assert!(TValue::tagged(TAG_LIGHTUD, 0).is_truthy());
    }

    #[test]
    fn tags_and_types() {
        assert_eq!(TValue::NIL.bits(), 0xFFFF_8000_0000_0000);
        assert_eq!(TValue::NIL.type_of(), Type::Nil);
        assert_eq!(TValue::TRUE.type_of(), Type::Boolean);
        let p = 0x7fff_ffff_fff8u64 as *const u8;
        let s = TValue::gc(TAG_STR, p);
        assert!(s.is_str() && s.is_gc());
        assert_eq!(s.ptr::<u8>() as u64, 0x7fff_ffff_fff8);
        assert!(!TValue::tagged(TAG_FRAME, 8).is_gc());
        assert!(!TValue::number(1.0).is_gc());
        assert!(!TValue::TRUE.is_gc());
    }

    #[test]
    fn raw_equality() {
        assert!(TValue::number(0.0).raw_eq(TValue::number(-0.0)));
        assert!(!TValue::number(f64::NAN).raw_eq(TValue::number(f64::NAN)));
        assert!(TValue::NIL.raw_eq(TValue::NIL));
        assert!(!TValue::NIL.raw_eq(TValue::FALSE));
    }
}
