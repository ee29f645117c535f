//! The ctype table: every C type the FFI knows, by number.
//!
//! A [`CTypeId`] names one entry of [`CTypes::types`]. Entries are immutable once made,
//! except that a struct, union or enum declared by name first (`struct foo *`) is
//! completed in place when its body arrives. Everything but records, enums and
//! function types is interned: asking for `int *` twice gives the same id, so ctype
//! identity is id equality (as `ffi.typeof(a) == ffi.typeof(b)` needs).
//!
//! Qualifiers and explicit alignment live in the entry itself, so `const int` and `int`
//! are two entries with the same [`Kind`]. Records, enums and function types carry an
//! index into a side table ([`CTypes::records`] and friends) so that [`Kind`] stays
//! `Copy + Hash` and interning is one hash lookup.
//!
//! Layout follows the C ABI of both targets (x86-64 SysV and AAPCS64 agree on every
//! size and alignment used here), computed the way LuaJIT's `cp_struct_layout` does:
//! fields in bit offsets, bitfields packed into containers of their declared type
//! without straddling a container boundary, and zero-width bitfields aligning the next
//! field (LuaJIT also counts their alignment towards the record's, which GCC does not;
//! we follow LuaJIT, the oracle).

use std::collections::HashMap;
use std::rc::Rc;

pub type CTypeId = u32;

/// Size of unsized types (`void`, incomplete records, VLAs, functions).
pub const SIZE_UNKNOWN: u32 = u32::MAX;
/// Largest size LuaJIT accepts for a C type (`CTMAX_SIZE`, 2^31-1 bytes).
pub const MAX_SIZE: u64 = 0x7fff_ffff;

pub const Q_CONST: u8 = 1;
pub const Q_VOLATILE: u8 = 2;

/// Is plain `char` unsigned on this target? (AAPCS64: yes; x86-64 SysV: no.)
pub const CHAR_UNSIGNED: bool = cfg!(target_arch = "aarch64");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Void,
    Bool,
    /// An integer of `size` bytes. `plain_char` marks plain `char` where it is unsigned,
    /// so it prints as `char` rather than `unsigned char`.
    Int {
        unsigned: bool,
        plain_char: bool,
    },
    Float,
    /// `long double`: sized and aligned, but neither readable nor callable (as LuaJIT).
    LongDouble,
    /// `complex` / `complex float`: `size` is twice the part size.
    Complex,
    Ptr(CTypeId),
    /// A C++-style reference: what indexing an aggregate field or element yields.
    Ref(CTypeId),
    /// `len` is `None` for a VLA `[?]`; `Some(0)` for a flexible array member `[]`.
    Array {
        elem: CTypeId,
        len: Option<u32>,
    },
    Record(u32),
    Enum(u32),
    Func(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CType {
    pub kind: Kind,
    pub qual: u8,
    /// Bytes, or [`SIZE_UNKNOWN`].
    pub size: u32,
    /// Bytes (a power of two).
    pub align: u32,
}

/// One member of a struct or union.
#[derive(Clone, Debug)]
pub struct Field {
    /// `None` for an anonymous struct/union member (its fields are reachable directly).
    pub name: Option<Rc<str>>,
    pub ty: CTypeId,
    /// Byte offset (of the container, for bitfields).
    pub offset: u32,
    /// `(bit position in the container, width)` for bitfields.
    pub bits: Option<(u32, u32)>,
}

#[derive(Clone, Debug, Default)]
pub struct Record {
    pub union: bool,
    /// `None` for anonymous records (printed by id, as LuaJIT prints `struct 107`).
    pub tag: Option<Rc<str>>,
    pub complete: bool,
    pub fields: Vec<Field>,
    /// `static const` members: name, type, value.
    pub consts: Vec<(Rc<str>, CTypeId, i64)>,
    /// The last field is a VLA (`T name[?]`): the record is a VLS, sized per instance.
    pub vls: bool,
    /// Every entry of this record's kind (the record itself, qualified and aligned
    /// copies), so that completing the record completes all of them.
    pub entries: Vec<CTypeId>,
}

#[derive(Clone, Debug, Default)]
pub struct EnumDef {
    pub tag: Option<Rc<str>>,
    pub complete: bool,
    /// Constants in declaration order.
    pub consts: Vec<(Rc<str>, i64)>,
}

#[derive(Clone, Debug)]
pub struct FuncDef {
    pub ret: CTypeId,
    pub params: Vec<CTypeId>,
    pub varargs: bool,
}

/// Builtin ids: fixed, so that the compiler's `LL`/`ULL`/`i` constants and the library
/// can name them without a lookup.
pub mod id {
    use super::CTypeId;
    pub const VOID: CTypeId = 0;
    pub const BOOL: CTypeId = 1;
    /// Plain `char`.
    pub const CCHAR: CTypeId = 2;
    pub const INT8: CTypeId = 3;
    pub const UINT8: CTypeId = 4;
    pub const INT16: CTypeId = 5;
    pub const UINT16: CTypeId = 6;
    pub const INT32: CTypeId = 7;
    pub const UINT32: CTypeId = 8;
    pub const INT64: CTypeId = 9;
    pub const UINT64: CTypeId = 10;
    pub const FLOAT: CTypeId = 11;
    pub const DOUBLE: CTypeId = 12;
    pub const COMPLEX_FLOAT: CTypeId = 13;
    pub const COMPLEX: CTypeId = 14;
    pub const LONG_DOUBLE: CTypeId = 15;
    pub const CVOID: CTypeId = 16;
    pub const CCCHAR: CTypeId = 17;
    pub const P_VOID: CTypeId = 18;
    pub const P_CVOID: CTypeId = 19;
    pub const P_CCHAR: CTypeId = 20;
    pub const N: usize = 21;
}

/// The whole table plus the C namespace of `ffi.cdef` declarations.
pub struct CTypes {
    pub types: Vec<CType>,
    pub records: Vec<Record>,
    pub enums: Vec<EnumDef>,
    pub funcs: Vec<FuncDef>,
    intern: HashMap<CType, CTypeId>,
    /// Ordinary identifiers: typedefs, enum constants, functions, extern variables.
    pub names: HashMap<Rc<str>, Decl>,
    /// `struct`/`union`/`enum` tags.
    pub tags: HashMap<Rc<str>, CTypeId>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Decl {
    Typedef(CTypeId),
    /// An enum constant or a `static const` at file scope: its type and value.
    Const(CTypeId, i64),
    /// A function; the optional redirect is the `asm("symbol")` name.
    Func(CTypeId, Option<Rc<str>>),
    /// An extern variable.
    Var(CTypeId, Option<Rc<str>>),
}

impl Default for CTypes {
    fn default() -> Self {
        Self::new()
    }
}

fn scalar(kind: Kind, size: u32) -> CType {
    CType { kind, qual: 0, size, align: size.max(1) }
}

fn int(unsigned: bool, size: u32) -> CType {
    scalar(Kind::Int { unsigned, plain_char: false }, size)
}

impl CTypes {
    pub fn new() -> CTypes {
        let mut t = CTypes {
            types: Vec::new(),
            records: Vec::new(),
            enums: Vec::new(),
            funcs: Vec::new(),
            intern: HashMap::new(),
            names: HashMap::new(),
            tags: HashMap::new(),
        };
        let char = scalar(Kind::Int { unsigned: CHAR_UNSIGNED, plain_char: CHAR_UNSIGNED }, 1);
        let builtins = [
            CType { kind: Kind::Void, qual: 0, size: SIZE_UNKNOWN, align: 1 },
            scalar(Kind::Bool, 1),
            char,
            int(false, 1),
            int(true, 1),
            int(false, 2),
            int(true, 2),
            int(false, 4),
            int(true, 4),
            int(false, 8),
            int(true, 8),
            scalar(Kind::Float, 4),
            scalar(Kind::Float, 8),
            CType { kind: Kind::Complex, qual: 0, size: 8, align: 4 },
            CType { kind: Kind::Complex, qual: 0, size: 16, align: 8 },
            scalar(Kind::LongDouble, 16),
            CType { kind: Kind::Void, qual: Q_CONST, size: SIZE_UNKNOWN, align: 1 },
            CType { qual: Q_CONST, ..char },
            scalar(Kind::Ptr(id::VOID), 8),
            scalar(Kind::Ptr(id::CVOID), 8),
            scalar(Kind::Ptr(id::CCCHAR), 8),
        ];
        for (i, ct) in builtins.into_iter().enumerate() {
            t.types.push(ct);
            // x86-64's plain char is signed char: INT8 and CCHAR are one type there, and
            // the lower id (plain char) is the one interning finds.
            t.intern.entry(ct).or_insert(i as CTypeId);
        }
        for (name, ty) in [
            ("int8_t", id::INT8),
            ("uint8_t", id::UINT8),
            ("int16_t", id::INT16),
            ("uint16_t", id::UINT16),
            ("int32_t", id::INT32),
            ("uint32_t", id::UINT32),
            ("int64_t", id::INT64),
            ("uint64_t", id::UINT64),
            ("intptr_t", id::INT64),
            ("uintptr_t", id::UINT64),
            ("ptrdiff_t", id::INT64),
            ("ssize_t", id::INT64),
            ("size_t", id::UINT64),
            ("wchar_t", id::INT32),
            ("va_list", id::P_VOID),
            ("__builtin_va_list", id::P_VOID),
            ("__gnuc_va_list", id::P_VOID),
        ] {
            t.names.insert(name.into(), Decl::Typedef(ty));
        }
        t
    }

    #[inline]
    pub fn get(&self, id: CTypeId) -> &CType {
        &self.types[id as usize]
    }

    /// The id of `ct`, creating the entry if it is new.
    pub fn intern(&mut self, ct: CType) -> CTypeId {
        if let Some(&i) = self.intern.get(&ct) {
            return i;
        }
        let i = self.types.len() as CTypeId;
        self.types.push(ct);
        self.intern.insert(ct, i);
        if let Kind::Record(r) = ct.kind {
            self.records[r as usize].entries.push(i);
        }
        i
    }

    /// `ty` with qualifiers `q` added. Qualifying an array qualifies its elements (C's
    /// rule, which is what makes `const char[4]` decay to `const char *`).
    pub fn qualified(&mut self, ty: CTypeId, q: u8) -> CTypeId {
        let ct = *self.get(ty);
        if q & !ct.qual == 0 {
            return ty;
        }
        if let Kind::Array { elem, len } = ct.kind {
            let e = self.qualified(elem, q);
            return self.intern(CType { kind: Kind::Array { elem: e, len }, ..ct });
        }
        self.intern(CType { qual: ct.qual | q, ..ct })
    }

    /// `ty` with its qualifiers removed.
    pub fn unqualified(&mut self, ty: CTypeId) -> CTypeId {
        let ct = *self.get(ty);
        if ct.qual == 0 { ty } else { self.intern(CType { qual: 0, ..ct }) }
    }

    /// `ty` with alignment raised to `align` (from `__attribute__((aligned(n)))`).
    pub fn aligned(&mut self, ty: CTypeId, align: u32) -> CTypeId {
        let ct = *self.get(ty);
        if align <= ct.align { ty } else { self.intern(CType { align, ..ct }) }
    }

    pub fn ptr_to(&mut self, ty: CTypeId) -> CTypeId {
        self.intern(scalar(Kind::Ptr(ty), 8))
    }

    pub fn ref_to(&mut self, ty: CTypeId) -> CTypeId {
        self.intern(scalar(Kind::Ref(ty), 8))
    }

    /// `elem[len]` (`len` `None`: `[?]`). Errors when the size overflows.
    pub fn array_of(&mut self, elem: CTypeId, len: Option<u32>) -> Result<CTypeId, &'static str> {
        let e = *self.get(elem);
        let size = match len {
            None => SIZE_UNKNOWN,
            Some(n) => {
                if e.size == SIZE_UNKNOWN {
                    return Err(ERR_INVSIZE);
                }
                let s = u64::from(e.size) * u64::from(n);
                if s > MAX_SIZE {
                    return Err(ERR_INVSIZE);
                }
                s as u32
            }
        };
        Ok(self.intern(CType { kind: Kind::Array { elem, len }, qual: 0, size, align: e.align }))
    }

    pub fn new_record(&mut self, union: bool, tag: Option<Rc<str>>) -> CTypeId {
        let r = self.records.len() as u32;
        self.records.push(Record { union, tag, ..Record::default() });
        let i = self.types.len() as CTypeId;
        let ct = CType { kind: Kind::Record(r), qual: 0, size: SIZE_UNKNOWN, align: 1 };
        self.types.push(ct);
        self.intern.insert(ct, i);
        self.records[r as usize].entries.push(i);
        i
    }

    pub fn new_enum(&mut self, tag: Option<Rc<str>>) -> CTypeId {
        let e = self.enums.len() as u32;
        self.enums.push(EnumDef { tag, ..EnumDef::default() });
        let i = self.types.len() as CTypeId;
        let ct = CType { kind: Kind::Enum(e), qual: 0, size: 4, align: 4 };
        self.types.push(ct);
        self.intern.insert(ct, i);
        i
    }

    pub fn new_func(&mut self, f: FuncDef) -> CTypeId {
        let n = self.funcs.len() as u32;
        self.funcs.push(f);
        let ct = CType { kind: Kind::Func(n), qual: 0, size: SIZE_UNKNOWN, align: 1 };
        let i = self.types.len() as CTypeId;
        self.types.push(ct);
        self.intern.insert(ct, i);
        i
    }

    pub fn record(&self, ty: CTypeId) -> Option<&Record> {
        match self.get(ty).kind {
            Kind::Record(r) => Some(&self.records[r as usize]),
            _ => None,
        }
    }

    pub fn func(&self, ty: CTypeId) -> Option<&FuncDef> {
        match self.get(ty).kind {
            Kind::Func(f) => Some(&self.funcs[f as usize]),
            _ => None,
        }
    }

    /// Lays out a record whose fields were parsed (offsets still zero) and marks it
    /// complete. `pack` is the `#pragma pack` in force (0: none), `packed` the
    /// record's `packed` attribute, `min_align` its `aligned(n)` attribute.
    ///
    /// Each field's alignment is its type's (which carries any `aligned(n)` of its
    /// own), reduced to 1 by `packed` and capped by `pack`.
    pub fn layout_record(
        &mut self,
        rec_ty: CTypeId,
        mut fields: Vec<(Field, bool)>,
        pack: u32,
        packed: bool,
        min_align: u32,
    ) -> Result<(), &'static str> {
        let Kind::Record(r) = self.get(rec_ty).kind else { return Err(ERR_INVTYPE) };
        let union = self.records[r as usize].union;
        let mut bofs: u64 = 0;
        let mut bmax: u64 = 0;
        let mut maxalign = min_align.max(1);
        let nfields = fields.len();
        let mut vls = false;
        for (i, (f, field_packed)) in fields.iter_mut().enumerate() {
            let ct = *self.get(f.ty);
            let mut align = ct.align;
            if packed || *field_packed {
                align = 1;
            }
            if pack > 0 && align > pack {
                align = pack;
            }
            let mut size = ct.size;
            if let Kind::Array { len: None, .. } = ct.kind {
                if i + 1 != nfields || union {
                    return Err(ERR_INVSIZE);
                }
                vls = true;
                size = 0;
            } else if let Kind::Array { len: Some(0), .. } = ct.kind {
                size = 0;
            }
            if size == SIZE_UNKNOWN {
                return Err(ERR_INVSIZE);
            }
            if union {
                bofs = 0;
            }
            let abits = u64::from(align) * 8;
            match f.bits {
                Some((_, width)) => {
                    let csz = u64::from(size) * 8;
                    if width == 0 {
                        bofs = bofs.div_ceil(abits) * abits;
                        f.offset = (bofs / 8) as u32;
                        f.bits = Some((0, 0));
                    } else {
                        // A bitfield may not straddle a container of its type's size.
                        if (bofs % csz) + u64::from(width) > csz {
                            if packed || *field_packed {
                                return Err(ERR_NYIPACKBIT);
                            }
                            bofs = bofs.div_ceil(csz) * csz;
                        }
                        let unit = bofs / csz * csz;
                        f.offset = (unit / 8) as u32;
                        f.bits = Some(((bofs - unit) as u32, width));
                        bofs += u64::from(width);
                    }
                }
                None => {
                    bofs = bofs.div_ceil(abits) * abits;
                    f.offset = (bofs / 8) as u32;
                    bofs += u64::from(size) * 8;
                }
            }
            maxalign = maxalign.max(align);
            bmax = bmax.max(bofs);
        }
        let bytes = bmax.div_ceil(8);
        let size = bytes.div_ceil(u64::from(maxalign)) * u64::from(maxalign);
        if size > MAX_SIZE {
            return Err(ERR_INVSIZE);
        }
        let rec = &mut self.records[r as usize];
        rec.fields = fields.into_iter().map(|(f, _)| f).collect();
        rec.complete = true;
        rec.vls = vls;
        // The entries are completed in place: pointers to the incomplete type, and its
        // qualified copies, see it; the intern keys follow, so `const S` made before
        // completion and after it stay one entry, and so does `S` itself.
        for i in rec.entries.clone() {
            let old = self.types[i as usize];
            let new = CType { size: size as u32, align: old.align.max(maxalign), ..old };
            if self.intern.get(&old) == Some(&i) {
                self.intern.remove(&old);
            }
            self.intern.insert(new, i);
            self.types[i as usize] = new;
        }
        Ok(())
    }

    /// The size of a (possibly variable) type with `n` elements for its VLA/VLS part.
    pub fn size_vla(&self, ty: CTypeId, n: u64) -> Option<u64> {
        let ct = self.get(ty);
        match ct.kind {
            Kind::Array { elem, len: None } => {
                let es = self.get(elem).size;
                if es == SIZE_UNKNOWN { None } else { Some(u64::from(es) * n) }
            }
            Kind::Record(r) if self.records[r as usize].vls => {
                let rec = &self.records[r as usize];
                let last = rec.fields.last()?;
                let Kind::Array { elem, .. } = self.get(last.ty).kind else { return None };
                let es = u64::from(self.get(elem).size);
                let end = u64::from(last.offset) + es * n;
                let a = u64::from(ct.align);
                Some(end.max(u64::from(ct.size)).div_ceil(a) * a)
            }
            _ => (ct.size != SIZE_UNKNOWN).then_some(u64::from(ct.size)),
        }
    }

    /// Is `ty` variable-sized (needs an element count to instantiate)?
    pub fn is_vla(&self, ty: CTypeId) -> bool {
        match self.get(ty).kind {
            Kind::Array { len: None, .. } => true,
            Kind::Record(r) => self.records[r as usize].vls,
            _ => false,
        }
    }

    /// Finds a member by name, descending into anonymous members: the field and its
    /// byte offset from the start of `rec`. `static const` members come back as `Err`.
    pub fn find_field(&self, rec: CTypeId, name: &[u8]) -> Option<FieldRef> {
        let r = self.record(rec)?;
        for f in &r.fields {
            match &f.name {
                Some(n) if n.as_bytes() == name => {
                    return Some(FieldRef::Field { ty: f.ty, offset: f.offset, bits: f.bits });
                }
                None => {
                    let inner = self.unqual_kind(f.ty);
                    if let Kind::Record(_) = inner
                        && let Some(found) = self.find_field(f.ty, name)
                    {
                        return Some(match found {
                            FieldRef::Field { ty, offset, bits } => {
                                FieldRef::Field { ty, offset: offset + f.offset, bits }
                            }
                            c => c,
                        });
                    }
                }
                _ => {}
            }
        }
        r.consts.iter().find(|c| c.0.as_bytes() == name).map(|c| FieldRef::Const { ty: c.1, value: c.2 })
    }

    fn unqual_kind(&self, ty: CTypeId) -> Kind {
        self.get(ty).kind
    }

    /// The C spelling of a type, as LuaJIT's `lj_ctype_repr` prints it inside
    /// `ctype<...>` and `cdata<...>`.
    pub fn repr(&self, ty: CTypeId) -> String {
        self.repr_with(ty, "")
    }

    /// Builds the declaration of `inner` as something of type `ty`: C's inside-out
    /// declarator syntax, one type constructor at a time (`inner` is the declarator
    /// built so far, from the outermost constructor in).
    fn repr_with(&self, ty: CTypeId, inner: &str) -> String {
        let ct = self.get(ty);
        let wrap =
            |d: &str| if d.starts_with('*') || d.starts_with('&') { format!("({d})") } else { d.to_string() };
        match ct.kind {
            Kind::Ptr(t) | Kind::Ref(t) => {
                let star = if matches!(ct.kind, Kind::Ptr(_)) { "*" } else { "&" };
                let q = qual_prefix(ct.qual).trim_end();
                let d = match (q.is_empty(), inner.is_empty()) {
                    (true, _) => format!("{star}{inner}"),
                    (false, true) => format!("{star}{q}"),
                    (false, false) => format!("{star}{q} {inner}"),
                };
                self.repr_with(t, &d)
            }
            Kind::Array { elem, len } => {
                let n = match len {
                    None => "?".to_string(),
                    Some(0) => String::new(),
                    Some(n) => n.to_string(),
                };
                self.repr_with(elem, &format!("{}[{n}]", wrap(inner)))
            }
            Kind::Func(f) => self.repr_with(self.funcs[f as usize].ret, &format!("{}()", wrap(inner))),
            _ => {
                let base = format!("{}{}", qual_prefix(ct.qual), self.base_name(ty));
                if inner.is_empty() { base } else { format!("{base} {inner}") }
            }
        }
    }

    fn base_name(&self, ty: CTypeId) -> String {
        let ct = self.get(ty);
        match ct.kind {
            Kind::Void => "void".into(),
            Kind::Bool => "bool".into(),
            Kind::Int { unsigned, plain_char } => match (ct.size, unsigned) {
                (1, _) if plain_char => "char".into(),
                (1, false) => "char".into(),
                (1, true) => "unsigned char".into(),
                (2, false) => "short".into(),
                (2, true) => "unsigned short".into(),
                (4, false) => "int".into(),
                (4, true) => "unsigned int".into(),
                (_, false) => "int64_t".into(),
                (_, true) => "uint64_t".into(),
            },
            Kind::Float => if ct.size == 4 { "float" } else { "double" }.into(),
            Kind::LongDouble => "long double".into(),
            Kind::Complex => if ct.size == 8 { "complex float" } else { "complex" }.into(),
            Kind::Record(r) => {
                let rec = &self.records[r as usize];
                let kw = if rec.union { "union" } else { "struct" };
                match &rec.tag {
                    Some(t) => format!("{kw} {t}"),
                    // Qualified copies print as the record they copy.
                    None => format!("{kw} {}", rec.entries.first().copied().unwrap_or(ty)),
                }
            }
            Kind::Enum(e) => match &self.enums[e as usize].tag {
                Some(t) => format!("enum {t}"),
                None => format!("enum {ty}"),
            },
            Kind::Ptr(_) | Kind::Ref(_) | Kind::Array { .. } | Kind::Func(_) => String::new(),
        }
    }
}

fn qual_prefix(q: u8) -> &'static str {
    match q & (Q_CONST | Q_VOLATILE) {
        0 => "",
        Q_CONST => "const ",
        Q_VOLATILE => "volatile ",
        _ => "const volatile ",
    }
}

/// What a member lookup found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldRef {
    Field { ty: CTypeId, offset: u32, bits: Option<(u32, u32)> },
    Const { ty: CTypeId, value: i64 },
}

pub const ERR_INVTYPE: &str = "invalid C type";
pub const ERR_INVSIZE: &str = "size of C type is unknown or too large";
pub const ERR_NYIPACKBIT: &str = "NYI: packed bit fields";

#[cfg(test)]
mod tests {
    use super::*;

    fn field(ty: CTypeId, bits: Option<u32>) -> (Field, bool) {
        (Field { name: Some("f".into()), ty, offset: 0, bits: bits.map(|w| (0, w)) }, false)
    }

    fn layout(fields: Vec<(Field, bool)>, pack: u32, packed: bool) -> (CTypes, CTypeId) {
        let mut t = CTypes::new();
        let s = t.new_record(false, Some("s".into()));
        t.layout_record(s, fields, pack, packed, 0).expect("layout");
        (t, s)
    }

    fn offsets(t: &CTypes, s: CTypeId) -> Vec<(u32, Option<(u32, u32)>)> {
        t.record(s).map(|r| r.fields.iter().map(|f| (f.offset, f.bits)).collect()).unwrap_or_default()
    }

    #[test]
    fn plain_struct_follows_the_abi() {
        let (t, s) =
            layout(vec![field(id::INT8, None), field(id::INT32, None), field(id::DOUBLE, None)], 0, false);
        assert_eq!((t.get(s).size, t.get(s).align), (16, 8));
        assert_eq!(offsets(&t, s), vec![(0, None), (4, None), (8, None)]);
    }

    #[test]
    fn pragma_pack_and_packed() {
        let f = || vec![field(id::INT8, None), field(id::INT32, None), field(id::DOUBLE, None)];
        let (t, s) = layout(f(), 2, false);
        assert_eq!((t.get(s).size, t.get(s).align), (14, 2));
        assert_eq!(offsets(&t, s), vec![(0, None), (2, None), (6, None)]);
        let (t, s) = layout(f(), 0, true);
        assert_eq!((t.get(s).size, t.get(s).align), (13, 1));
    }

    #[test]
    fn bitfields_do_not_straddle_their_container() {
        // struct { char a; int b:20; int c:20; }: b shares a's int, c starts the next.
        let (t, s) = layout(
            vec![field(id::INT8, None), field(id::INT32, Some(20)), field(id::INT32, Some(20))],
            0,
            false,
        );
        assert_eq!((t.get(s).size, t.get(s).align), (8, 4));
        assert_eq!(offsets(&t, s), vec![(0, None), (0, Some((8, 20))), (4, Some((0, 20)))]);
        // struct { char a; short b:9; short c:9; }
        let (t, s) = layout(
            vec![field(id::INT8, None), field(id::INT16, Some(9)), field(id::INT16, Some(9))],
            0,
            false,
        );
        assert_eq!((t.get(s).size, t.get(s).align), (6, 2));
        assert_eq!(offsets(&t, s), vec![(0, None), (2, Some((0, 9))), (4, Some((0, 9)))]);
    }

    #[test]
    fn zero_width_bitfield_aligns_and_counts() {
        let (t, s) =
            layout(vec![field(id::INT8, None), field(id::INT32, Some(0)), field(id::INT8, None)], 0, false);
        assert_eq!((t.get(s).size, t.get(s).align), (8, 4));
        assert_eq!(offsets(&t, s)[2], (4, None));
    }

    #[test]
    fn interning_and_names() {
        let mut t = CTypes::new();
        let p = t.ptr_to(id::INT32);
        assert_eq!(p, t.ptr_to(id::INT32));
        assert_eq!(t.repr(p), "int *");
        assert_eq!(t.repr(id::P_CCHAR), "const char *");
        let pc = t.qualified(p, Q_CONST);
        assert_eq!(t.repr(pc), "int *const");
        let a = t.array_of(p, Some(3)).expect("array");
        assert_eq!(t.repr(a), "int *[3]");
        let pa = t.array_of(id::INT32, Some(3)).expect("array");
        let ppa = t.ptr_to(pa);
        assert_eq!(t.repr(ppa), "int (*)[3]");
        let v = t.array_of(id::INT32, None).expect("vla");
        assert_eq!(t.repr(v), "int [?]");
        let f = t.new_func(FuncDef { ret: id::INT32, params: vec![id::INT32], varargs: false });
        let pf = t.ptr_to(f);
        assert_eq!(t.repr(pf), "int (*)()");
        assert_eq!(t.repr(f), "int ()");
        assert_eq!(t.repr(id::UINT64), "uint64_t");
    }
}
