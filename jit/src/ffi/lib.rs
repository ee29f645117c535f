//! The `ffi` library (`require "ffi"`) and the metatable every cdata shares.
//!
//! Like LuaJIT, all cdata share one metatable (`basemt[Cdata]`) whose metamethods
//! implement indexing, arithmetic, comparison, `#`, `..`, calls and `tostring` for
//! C values; the interpreter needs no cdata-specific paths beyond routing `==` and
//! `<`/`<=` with mixed operand types here (see `vm::meta`).
//!
//! Metatypes (`ffi.metatype`) are kept in a registry table keyed by ctype id; every
//! metamethod here first gives the operand's metatype a chance (for `__index` and
//! `__newindex`: only when the key is not a field), as LuaJIT does.
//!
//! Not yet here: `bit.*` on 64-bit cdata.

use std::rc::Rc;

use super::arith::ArithOp;
use super::cdata::{IS_CTYPE, as_cdata};
use super::cparse::{self, Param};
use super::ctype::*;
use crate::bytecode::proto::Const;
use crate::lib::str_bytes;
use crate::vm::func::LResult;
use crate::vm::state::State;
use crate::vm::value::*;

/// Registers `ffi` in `package.preload` and installs the cdata metatable.
pub fn open(st: &mut State) {
    crate::lib::table::preload(st, "ffi", luaopen_ffi);
    let mt = st.new_table(0, 16);
    crate::lib::set_funcs(
        st,
        mt,
        &[
            ("__index", mm_index),
            ("__newindex", mm_newindex),
            ("__tostring", mm_tostring),
            ("__len", mm_len),
            ("__concat", mm_concat),
            ("__call", mm_call),
            ("__eq", mm_eq),
            ("__lt", mm_lt),
            ("__le", mm_le),
            ("__add", mm_add),
            ("__sub", mm_sub),
            ("__mul", mm_mul),
            ("__div", mm_div),
            ("__mod", mm_mod),
            ("__pow", mm_pow),
            ("__unm", mm_unm),
        ],
    );
    let k = st.str_value(b"__metatable");
    let v = st.str_value(b"ffi");
    st.raw_set(mt, k, v);
    st.basemt[Type::Cdata as usize] = mt.ptr();
}

fn luaopen_ffi(st: &mut State) -> LResult<usize> {
    let t = st.new_table(0, 24);
    crate::lib::set_funcs(
        st,
        t,
        &[
            ("cdef", ffi_cdef),
            ("typeof", ffi_typeof),
            ("new", ffi_new),
            ("cast", ffi_cast),
            ("sizeof", ffi_sizeof),
            ("alignof", ffi_alignof),
            ("offsetof", ffi_offsetof),
            ("istype", ffi_istype),
            ("string", ffi_string),
            ("copy", ffi_copy),
            ("fill", ffi_fill),
            ("gc", ffi_gc),
            ("abi", ffi_abi),
            ("errno", ffi_errno),
            ("load", ffi_load),
            ("metatype", ffi_metatype),
        ],
    );
    let os = st.str_value(b"Linux");
    let arch = st.str_value(if cfg!(target_arch = "aarch64") { b"arm64" } else { b"x64" });
    for (k, v) in [("os", os), ("arch", arch)] {
        let k = st.str_value(k.as_bytes());
        st.raw_set(t, k, v);
    }
    // `ffi.C`: the C namespace of the process (libc, libm and what else is loaded).
    let cmt = st.new_table(0, 3);
    crate::lib::set_funcs(st, cmt, &[("__index", clib_index), ("__newindex", clib_newindex)]);
    let k = st.str_value(b"__metatable");
    let v = st.str_value(b"ffi");
    st.raw_set(cmt, k, v);
    let k = st.str_value(b"clib_mt");
    let r = TValue::gc(TAG_TABLE, st.registry);
    st.raw_set(r, k, cmt);
    let c = new_clib(st, libc::RTLD_DEFAULT);
    let k = st.str_value(b"C");
    st.raw_set(t, k, c);
    if let Some(loaded) = crate::lib::package_loaded(st) {
        let k = st.str_value(b"ffi");
        st.raw_set(loaded, k, t);
    }
    st.ret1(t)
}

/// The boxed cdata of a `12LL`, `12ULL` or `3i` literal (for `vm::load`).
pub fn const_cdata(st: &mut State, c: &Const) -> Option<TValue> {
    let (ty, size) = match c {
        Const::Int64(_) => (id::INT64, 8),
        Const::UInt64(_) => (id::UINT64, 8),
        Const::Complex(..) => (id::COMPLEX, 16),
        _ => return None,
    };
    let v = st.new_cdata(ty, size, 8)?;
    let cd = as_cdata(v)?;
    // SAFETY: the payload was just allocated with `size` bytes.
    unsafe {
        match c {
            Const::Int64(i) => std::ptr::write_unaligned(cd.ptr as *mut i64, *i),
            Const::UInt64(u) => std::ptr::write_unaligned(cd.ptr as *mut u64, *u),
            Const::Complex(re, im) => super::conv::write_complex(cd.ptr, 16, *re, *im),
            _ => {}
        }
    }
    Some(v)
}

// ---- Argument helpers. ---------------------------------------------------------------

/// `$` parameters: the arguments after the type string.
fn params_from(st: &mut State, from: usize) -> Vec<Param> {
    let mut out = Vec::new();
    for i in from..=st.nargs() {
        let v = st.arg(i);
        out.push(if let Some(c) = as_cdata(v) {
            Param::Type(c.ctype)
        } else if v.is_number() {
            Param::Num(v.as_number())
        } else if v.is_str() {
            // SAFETY: checked string.
            Param::Str(String::from_utf8_lossy(unsafe { str_bytes(v) }).into())
        } else {
            Param::Num(0.0)
        });
    }
    out
}

/// Argument `n` as a ctype: a type string (with `$` parameters from `params_at` on, if
/// given), a ctype object or any cdata (its type).
fn check_ctype(st: &mut State, n: usize, params_at: Option<usize>) -> LResult<CTypeId> {
    let v = st.arg(n);
    if v.is_str() {
        let params = params_at.map(|p| params_from(st, p)).unwrap_or_default();
        // SAFETY: checked string; the bytes are copied before the parser runs.
        let src = unsafe { str_bytes(v) }.to_vec();
        return cparse::parse_type(&mut st.ffi().cts, &src, &params).map_err(|m| st.caller_error(&m));
    }
    if let Some(c) = as_cdata(v) {
        return Ok(c.ctype);
    }
    Err(st.arg_type_error(n, "C type"))
}

/// Raw pointer to the C object a cdata value stands for (through a reference), its
/// type, and whether the cdata is a ctype object.
fn cdata_target(st: &mut State, v: TValue) -> Option<(CTypeId, *mut u8)> {
    let c = as_cdata(v)?;
    if c.flags & IS_CTYPE != 0 {
        return None;
    }
    match st.ffi().cts.get(c.ctype).kind {
        // SAFETY: a reference's payload holds the address of a live object.
        Kind::Ref(inner) => Some((inner, unsafe { *(c.ptr as *const *mut u8) })),
        _ => Some((c.ctype, c.ptr)),
    }
}

// ---- The library. ----------------------------------------------------------------------

fn ffi_cdef(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    let params = params_from(st, 2);
    // SAFETY: checked string, copied.
    let src = unsafe { str_bytes(s) }.to_vec();
    cparse::cdef(&mut st.ffi().cts, &src, &params).map_err(|m| st.caller_error(&m))?;
    Ok(0)
}

fn ffi_typeof(st: &mut State) -> LResult<usize> {
    let ty = check_ctype(st, 1, Some(2))?;
    let v = st.new_ctype_obj(ty);
    st.ret1(v)
}

/// Allocates a zeroed instance of `ty` (`nelem` for VLAs/VLSs).
fn alloc_instance(st: &mut State, ty: CTypeId, nelem: Option<f64>) -> LResult<TValue> {
    let ct = *st.ffi().cts.get(ty);
    let size = if st.ffi().cts.is_vla(ty) {
        let n = nelem.unwrap_or(-1.0);
        if n >= 0.0 { st.ffi().cts.size_vla(ty, n as u64) } else { None }
    } else {
        (ct.size != SIZE_UNKNOWN).then_some(u64::from(ct.size))
    };
    let Some(size) = size.filter(|&s| s <= MAX_SIZE) else {
        return Err(st.arg_error(1, ERR_INVSIZE));
    };
    st.new_cdata(ty, size as usize, ct.align as usize).ok_or_else(|| st.rt_error("not enough memory"))
}

/// `ffi.new` and calls of ctype objects: a new instance, with a metatype's `__gc` as its
/// finalizer. (A metatype's `__new` applies to ctype calls only; see `mm_call`.)
fn construct(st: &mut State, ty: CTypeId, first_init: usize) -> LResult<usize> {
    let n = construct_raw(st, ty, first_init)?;
    let obj = {
        let th = st.th();
        th.stack[th.top - 1]
    };
    let mgc = metatype_mm(st, obj, b"__gc");
    if !mgc.is_nil()
        && let Some(c) = as_cdata(obj)
    {
        c.fin = mgc;
    }
    Ok(n)
}

/// `construct` without metatype hooks.
fn construct_raw(st: &mut State, ty: CTypeId, first_init: usize) -> LResult<usize> {
    let mut first = first_init;
    let nelem = if st.ffi().cts.is_vla(ty) {
        first += 1;
        st.check_any(first_init)?;
        Some(st.check_number(first_init)?)
    } else {
        None
    };
    let obj = alloc_instance(st, ty, nelem)?;
    st.push(obj)?;
    let ninit = st.nargs().saturating_sub(first - 1).saturating_sub(1);
    if ninit > 0 {
        // The initialisers of a VLA (or of a VLS's trailing VLA) are bounded by this
        // instance's element count; saved and restored in case a finalizer run by an
        // allocation below constructs another one.
        let elems = nelem.map_or(0, |n| n as u32);
        let prev = std::mem::replace(&mut st.ffi().vla_elems, elems);
        let r = init_instance(st, ty, obj, first, ninit);
        st.ffi().vla_elems = prev;
        r?;
    }
    Ok(1)
}

/// Converts the `ninit` initialisers from argument `first` on into the new `obj`.
fn init_instance(st: &mut State, ty: CTypeId, obj: TValue, first: usize, ninit: usize) -> LResult<()> {
    let Some(c) = as_cdata(obj) else { return Ok(()) };
    let (p, kind) = (c.ptr, st.ffi().cts.get(ty).kind);
    let init = st.arg(first);
    let aggregate = matches!(kind, Kind::Array { .. } | Kind::Record(_));
    // A cdata initialises an aggregate as a whole only when it is an object of the
    // same type; any other cdata is one element/field initialiser (`int[3]` from
    // `5LL` is `{5, 5, 5}`), as LuaJIT does.
    let whole = match as_cdata(init) {
        Some(c) => {
            let cts = &mut st.ffi().cts;
            let src = match cts.get(c.ctype).kind {
                Kind::Ref(t) => t,
                _ => c.ctype,
            };
            cts.unqualified(src) == cts.unqualified(ty)
        }
        None => init.is_table() || init.is_str(),
    };
    if ninit == 1 && (!aggregate || whole) {
        // SAFETY: `p` is the new object's storage of type `ty`.
        unsafe { st.lua_to_c(ty, p, init, false)? };
    } else {
        // Several initialisers: as if they were one table.
        let t = st.new_table(ninit, 0);
        for i in 0..ninit {
            let v = st.arg(first + i);
            st.raw_set(t, TValue::number((i + 1) as f64), v);
        }
        st.push(t)?;
        // SAFETY: as above.
        unsafe { st.lua_to_c(ty, p, t, false)? };
        st.th().top -= 1;
    }
    Ok(())
}

fn ffi_new(st: &mut State) -> LResult<usize> {
    let ty = check_ctype(st, 1, None)?;
    construct(st, ty, 2)
}

fn ffi_cast(st: &mut State) -> LResult<usize> {
    let ty = check_ctype(st, 1, None)?;
    let v = st.check_any(2)?;
    let obj = alloc_instance(st, ty, Some(0.0))?;
    st.push(obj)?;
    if let Some(c) = as_cdata(obj) {
        let p = c.ptr;
        // SAFETY: `p` is the new object's storage of type `ty`.
        unsafe { st.lua_to_c(ty, p, v, true)? };
    }
    Ok(1)
}

fn ffi_sizeof(st: &mut State) -> LResult<usize> {
    let ty = check_ctype(st, 1, None)?;
    let v = st.arg(1);
    let size = if st.ffi().cts.is_vla(ty) {
        if let Some(c) = as_cdata(v).filter(|c| c.flags & IS_CTYPE == 0) {
            Some(c.size as u64)
        } else {
            st.check_any(2)?;
            let n = st.check_number(2)?;
            st.ffi().cts.size_vla(ty, n.max(0.0) as u64)
        }
    } else {
        let s = st.ffi().cts.get(ty).size;
        (s != SIZE_UNKNOWN).then_some(u64::from(s))
    };
    match size {
        Some(s) => st.ret1(TValue::number(s as f64)),
        None => st.ret1(TValue::NIL),
    }
}

fn ffi_alignof(st: &mut State) -> LResult<usize> {
    let ty = check_ctype(st, 1, None)?;
    let a = st.ffi().cts.get(ty).align;
    st.ret1(TValue::number(f64::from(a)))
}

fn ffi_offsetof(st: &mut State) -> LResult<usize> {
    let ty = check_ctype(st, 1, None)?;
    let name = st.check_str(2)?;
    // SAFETY: checked string.
    let name = unsafe { str_bytes(name) }.to_vec();
    match st.ffi().cts.find_field(ty, &name) {
        Some(FieldRef::Field { offset, bits: None, .. }) => st.ret1(TValue::number(f64::from(offset))),
        Some(FieldRef::Field { offset, bits: Some((pos, width)), .. }) => {
            st.push(TValue::number(f64::from(offset)))?;
            st.push(TValue::number(f64::from(pos)))?;
            st.push(TValue::number(f64::from(width)))?;
            Ok(3)
        }
        _ => Ok(0),
    }
}

fn ffi_istype(st: &mut State) -> LResult<usize> {
    let ty = check_ctype(st, 1, None)?;
    let v = st.arg(2);
    let Some(c) = as_cdata(v).filter(|c| c.flags & IS_CTYPE == 0) else {
        return st.ret1(TValue::FALSE);
    };
    let cts = &mut st.ffi().cts;
    let (a, b) = (cts.unqualified(ty), cts.unqualified(c.ctype));
    let same = a == b
        || match (cts.get(a).kind, cts.get(b).kind) {
            // A pointer type matches a reference of the same target (field access).
            (Kind::Record(_), Kind::Ref(t)) => cts.unqualified(t) == a,
            _ => false,
        };
    st.ret1(TValue::boolean(same))
}

fn ffi_string(st: &mut State) -> LResult<usize> {
    let v = st.check_any(1)?;
    let p: *const u8 = match cdata_target(st, v) {
        Some((ty, p)) => match st.ffi().cts.get(ty).kind {
            // SAFETY: a pointer cdata's payload holds the address.
            Kind::Ptr(_) => unsafe { *(p as *const *const u8) },
            Kind::Array { .. } | Kind::Record(_) => p,
            _ => return Err(st.arg_error(1, "cannot convert to 'const char *'")),
        },
        None if v.is_str() => return st.ret1(v),
        None => return Err(st.arg_type_error(1, "cdata")),
    };
    if p.is_null() {
        return Err(st.arg_error(1, "NULL pointer"));
    }
    let bytes = if st.arg(2).is_nil() {
        // SAFETY: the caller promises a NUL-terminated string, as in C and LuaJIT.
        unsafe { std::ffi::CStr::from_ptr(p as *const std::ffi::c_char) }.to_bytes().to_vec()
    } else {
        let n = st.check_number(2)?.max(0.0) as usize;
        // SAFETY: the caller promises `n` readable bytes, as with LuaJIT's ffi.string.
        unsafe { std::slice::from_raw_parts(p, n) }.to_vec()
    };
    let s = st.str_value(&bytes);
    st.ret1(s)
}

/// A destination or source pointer argument (pointer, array, string for sources).
fn ptr_arg(st: &mut State, n: usize) -> LResult<*mut u8> {
    let v = st.arg(n);
    if v.is_str() {
        // SAFETY: checked string.
        return Ok(unsafe { str_bytes(v) }.as_ptr() as *mut u8);
    }
    match cdata_target(st, v) {
        Some((ty, p)) => match st.ffi().cts.get(ty).kind {
            // SAFETY: a pointer cdata's payload holds the address.
            Kind::Ptr(_) => Ok(unsafe { *(p as *const *mut u8) }),
            _ => Ok(p),
        },
        None if v.is_nil() => Ok(std::ptr::null_mut()),
        None => Err(st.arg_type_error(n, "cdata")),
    }
}

fn ffi_copy(st: &mut State) -> LResult<usize> {
    let dst = ptr_arg(st, 1)?;
    let src = ptr_arg(st, 2)?;
    let n = if st.arg(3).is_nil() {
        let s = st.arg(2);
        if !s.is_str() {
            return Err(st.arg_type_error(3, "number"));
        }
        // SAFETY: checked string; copying includes the terminating NUL.
        unsafe { str_bytes(s) }.len() + 1
    } else {
        st.check_number(3)?.max(0.0) as usize
    };
    // SAFETY: the caller vouches for the sizes, as with C's memmove and LuaJIT.
    unsafe { std::ptr::copy(src, dst, n) };
    Ok(0)
}

fn ffi_fill(st: &mut State) -> LResult<usize> {
    let dst = ptr_arg(st, 1)?;
    let n = st.check_number(2)?.max(0.0) as usize;
    let c = st.opt_number(3, 0.0)? as i64 as u8;
    // SAFETY: the caller vouches for the size, as with C's memset and LuaJIT.
    unsafe { std::ptr::write_bytes(dst, c, n) };
    Ok(0)
}

fn ffi_gc(st: &mut State) -> LResult<usize> {
    let v = st.arg(1);
    let Some(c) = as_cdata(v) else { return Err(st.arg_type_error(1, "cdata")) };
    // Boxed numbers may be copied freely, so they cannot own a resource (as LuaJIT).
    let boxed_number = matches!(
        st.ffi().cts.get(c.ctype).kind,
        Kind::Int { .. } | Kind::Float | Kind::Bool | Kind::Enum(_) | Kind::Complex
    );
    if boxed_number {
        return Err(st.arg_error(1, "invalid C type"));
    }
    let f = st.arg(2);
    c.fin = f;
    c.hdr.finalized = 0;
    st.ret1(v)
}

fn ffi_abi(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    // SAFETY: checked string.
    let yes = matches!(unsafe { str_bytes(s) }, b"64bit" | b"le" | b"fpu" | b"hardfp" | b"gc64");
    st.ret1(TValue::boolean(yes))
}

/// A C library namespace: a userdata holding the `dlopen` handle.
fn new_clib(st: &mut State, handle: *mut libc::c_void) -> TValue {
    let k = st.str_value(b"clib_mt");
    // SAFETY: the registry is live.
    let mt = unsafe { (*st.registry).get(k) };
    let mut ud = crate::vm::udata::Udata::new(8, st.globals);
    ud.data.copy_from_slice(&(handle as u64).to_le_bytes());
    if mt.is_table() {
        ud.metatable = mt.ptr();
    }
    TValue::gc(TAG_UDATA, st.alloc(ud))
}

fn clib_handle(v: TValue) -> *mut libc::c_void {
    if v.tag() != TAG_UDATA {
        return std::ptr::null_mut();
    }
    // SAFETY: a userdata value points at a live Udata.
    let ud = unsafe { &*v.ptr::<crate::vm::udata::Udata>() };
    let mut b = [0u8; 8];
    if ud.data.len() == 8 {
        b.copy_from_slice(&ud.data);
    }
    u64::from_le_bytes(b) as *mut libc::c_void
}

/// Looks a declared symbol up in a library: its declaration and address.
fn clib_symbol(st: &mut State, lib: TValue, name: &Rc<str>) -> LResult<(Decl, u64)> {
    let decl = st.ffi().cts.names.get(name).cloned();
    let (sym, decl) = match decl {
        Some(d) if matches!(d, Decl::Func(..) | Decl::Var(..)) => {
            let redirect = match &d {
                Decl::Func(_, r) | Decl::Var(_, r) => r.clone(),
                _ => None,
            };
            (redirect.unwrap_or_else(|| name.clone()), d)
        }
        Some(d @ Decl::Const(..)) => return Ok((d, 0)),
        _ => return Err(st.caller_error(&format!("missing declaration for symbol '{name}'"))),
    };
    let Ok(cname) = std::ffi::CString::new(sym.as_bytes()) else {
        return Err(st.caller_error(&format!("missing declaration for symbol '{name}'")));
    };
    // SAFETY: `handle` is RTLD_DEFAULT or a handle dlopen returned (never closed), and
    // `cname` is NUL-terminated.
    let addr = unsafe { libc::dlsym(clib_handle(lib), cname.as_ptr()) } as u64;
    if addr == 0 {
        // dlerror's text, as LuaJIT reports it ("<program>: undefined symbol: x").
        // SAFETY: dlerror returns NULL or a NUL-terminated message after dlsym failed.
        let msg = unsafe {
            let e = libc::dlerror();
            if e.is_null() {
                format!("undefined symbol: {sym}")
            } else {
                std::ffi::CStr::from_ptr(e).to_string_lossy().into_owned()
            }
        };
        return Err(st.caller_error(&msg));
    }
    Ok((decl, addr))
}

fn clib_index(st: &mut State) -> LResult<usize> {
    let lib = st.arg(1);
    let k = st.check_str(2)?;
    // SAFETY: checked string.
    let name: Rc<str> = String::from_utf8_lossy(unsafe { str_bytes(k) }).into();
    match clib_symbol(st, lib, &name)? {
        (Decl::Const(ty, v), _) => {
            let unsigned = matches!(st.ffi().cts.get(ty).kind, Kind::Int { unsigned: true, .. });
            let n = if unsigned { v as u32 as f64 } else { v as i32 as f64 };
            st.ret1(TValue::number(n))
        }
        (Decl::Func(ty, _), addr) => {
            // A function cdata: its payload is the address.
            let v = st.box_scalar(ty, super::conv::Scalar::U(addr))?;
            st.ret1(v)
        }
        (Decl::Var(ty, _), addr) => {
            // SAFETY: the symbol is declared as an object of type `ty`.
            let v = unsafe { st.c_to_lua(ty, addr as *const u8)? };
            st.ret1(v)
        }
        (Decl::Typedef(_), _) => Ok(0),
    }
}

fn clib_newindex(st: &mut State) -> LResult<usize> {
    let lib = st.arg(1);
    let k = st.check_str(2)?;
    let v = st.arg(3);
    // SAFETY: checked string.
    let name: Rc<str> = String::from_utf8_lossy(unsafe { str_bytes(k) }).into();
    match clib_symbol(st, lib, &name)? {
        (Decl::Var(ty, _), addr) if st.ffi().cts.get(ty).qual & Q_CONST == 0 => {
            // SAFETY: the symbol is declared as a writable object of type `ty`.
            unsafe { st.lua_to_c(ty, addr as *mut u8, v, false)? };
            Ok(0)
        }
        _ => Err(st.caller_error("attempt to write to constant location")),
    }
}

fn ffi_errno(st: &mut State) -> LResult<usize> {
    let old = st.ffi().errno;
    if !st.arg(1).is_nil() {
        let n = st.check_int(1)?;
        st.ffi().errno = n as i32;
        // SAFETY: writing this thread's errno.
        unsafe { *libc::__errno_location() = n as i32 };
    }
    st.ret1(TValue::number(f64::from(old)))
}

/// `ffi.load(name [, global])`: names without a slash get `lib` and `.so` added when
/// missing, as LuaJIT does on Linux. We call `dlopen` directly (the `libc` crate is
/// already a dependency; libloading would add nothing for a handle that is never
/// closed).
fn ffi_load(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    let global = st.arg(2).is_truthy();
    // SAFETY: checked string.
    let name = String::from_utf8_lossy(unsafe { str_bytes(s) }).into_owned();
    let path =
        if name.contains('/') || name.contains(".so") { name.clone() } else { format!("lib{name}.so") };
    let Ok(cpath) = std::ffi::CString::new(path) else {
        return Err(st.caller_error(&format!("{name}: cannot open shared object file")));
    };
    let flags = libc::RTLD_LAZY | if global { libc::RTLD_GLOBAL } else { libc::RTLD_LOCAL };
    // SAFETY: `cpath` is NUL-terminated; the handle is kept for the state's lifetime.
    let h = unsafe { libc::dlopen(cpath.as_ptr(), flags) };
    if h.is_null() {
        // SAFETY: dlerror returns a NUL-terminated message after a failed dlopen.
        let msg = unsafe {
            let e = libc::dlerror();
            if e.is_null() {
                name.clone()
            } else {
                std::ffi::CStr::from_ptr(e).to_string_lossy().into_owned()
            }
        };
        return Err(st.caller_error(&msg));
    }
    let lib = new_clib(st, h);
    st.ret1(lib)
}

// ---- Metatypes. ------------------------------------------------------------------------

/// The registry table of metatypes (created on demand).
fn metatypes(st: &mut State) -> TValue {
    let k = st.str_value(b"ffi_metatypes");
    // SAFETY: the registry is live.
    let t = unsafe { (*st.registry).get(k) };
    if t.is_table() {
        return t;
    }
    let t = st.new_table(0, 0);
    let r = TValue::gc(TAG_TABLE, st.registry);
    st.raw_set(r, k, t);
    t
}

/// The metatable `ffi.metatype` gave the type of cdata `v` (through references and
/// pointers to it), or nil.
pub(crate) fn metatype_of(st: &mut State, v: TValue) -> TValue {
    let Some(c) = as_cdata(v) else { return TValue::NIL };
    let cts = &mut st.ffi().cts;
    let mut ty = c.ctype;
    if let Kind::Ref(t) | Kind::Ptr(t) = cts.get(ty).kind {
        ty = t;
    }
    let ty = cts.unqualified(ty);
    let t = metatypes(st);
    // SAFETY: `t` is a live table.
    unsafe { (*t.ptr::<crate::vm::table::Table>()).get(TValue::number(f64::from(ty))) }
}

/// Metamethod `name` of the metatype of `v`, or nil.
pub(crate) fn metatype_mm(st: &mut State, v: TValue, name: &[u8]) -> TValue {
    let mt = metatype_of(st, v);
    if !mt.is_table() {
        return TValue::NIL;
    }
    let k = st.str_value(name);
    // SAFETY: checked table.
    unsafe { (*mt.ptr::<crate::vm::table::Table>()).get(k) }
}

/// If operand 1 or 2 (of `nops`) has a metatype with `name`, calls it with the
/// native's arguments.
fn try_metatype(st: &mut State, name: &[u8], nops: usize) -> LResult<Option<usize>> {
    for i in 1..=nops {
        let v = st.arg(i);
        if v.tag() != TAG_CDATA {
            continue;
        }
        let mm = metatype_mm(st, v, name);
        if !mm.is_nil() {
            let args: Vec<TValue> = (1..=nops).map(|j| st.arg(j)).collect();
            return st.tail_call(mm, &args).map(Some);
        }
    }
    Ok(None)
}

fn ffi_metatype(st: &mut State) -> LResult<usize> {
    let ty = check_ctype(st, 1, None)?;
    let mt = st.check_table(2)?;
    let ty = st.ffi().cts.unqualified(ty);
    let t = metatypes(st);
    let k = TValue::number(f64::from(ty));
    // SAFETY: `t` is a live table.
    if !unsafe { (*t.ptr::<crate::vm::table::Table>()).get(k) }.is_nil() {
        return Err(st.caller_error("cannot change a protected metatable"));
    }
    st.raw_set(t, k, mt);
    // Traces decided cdata operations of this type without a metatype (the recorder
    // looks metamethods up when it records): none of them may run any more.
    if st.jit.stats.traces > 0 {
        st.trace_flush();
    }
    let v = st.new_ctype_obj(ty);
    st.ret1(v)
}

// ---- The cdata metatable. --------------------------------------------------------------

fn type_name_of(st: &mut State, v: TValue) -> String {
    st.conv_src_name(v)
}

/// A C object selected by indexing: its type, address and bitfield `(position, width)`.
type Place = (CTypeId, *mut u8, Option<(u32, u32)>);

/// The element or field a key selects, or the value of a `static const` member.
fn index_target(st: &mut State, obj: TValue, key: TValue) -> LResult<Result<Place, TValue>> {
    let Some((ty, p)) = cdata_target(st, obj) else {
        let n = type_name_of(st, obj);
        return Err(st.caller_error(&format!("'{n}' cannot be indexed")));
    };
    let ct = *st.ffi().cts.get(ty);
    let elem_at = |st: &mut State, base: *mut u8, elem: CTypeId| -> LResult<Place> {
        let idx = if key.is_number() {
            super::conv::f2i64(key.as_number())
        } else if let Some(c) = as_cdata(key) {
            // SAFETY: a live cdata's payload holds a value of its type.
            let s = unsafe { st.ffi().read_scalar(c.ctype, c.ptr) };
            s.map_or(0, |s| s.to_i64())
        } else {
            0
        };
        let es = i64::from(st.ffi().cts.get(elem).size.max(1));
        Ok((elem, base.wrapping_offset(idx.wrapping_mul(es) as isize), None))
    };
    let key_is_index = key.is_number() || as_cdata(key).is_some();
    match ct.kind {
        // SAFETY: a pointer cdata's payload holds the address.
        Kind::Ptr(elem) if key_is_index => Ok(Ok(elem_at(st, unsafe { *(p as *const *mut u8) }, elem)?)),
        Kind::Array { elem, .. } if key_is_index => Ok(Ok(elem_at(st, p, elem)?)),
        // A complex is a read-only pair of its part type (as LuaJIT, which stores it as
        // a two-element array): `[0]`/`.re` is the real part, `[1]`/`.im` the imaginary.
        Kind::Complex if key_is_index || key.is_str() => {
            let part = if ct.size == 8 { id::FLOAT } else { id::DOUBLE };
            let part = st.ffi().cts.qualified(part, Q_CONST);
            if key_is_index {
                return Ok(Ok(elem_at(st, p, part)?));
            }
            // SAFETY: checked string.
            match unsafe { str_bytes(key) } {
                b"re" => Ok(Ok((part, p, None))),
                b"im" => Ok(Ok((part, p.wrapping_add(ct.size as usize / 2), None))),
                k => {
                    let (n, k) = (st.ffi().cts.repr(ty), String::from_utf8_lossy(k).into_owned());
                    Err(st.caller_error(&format!("'{n}' has no member named '{k}'")))
                }
            }
        }
        Kind::Record(_) | Kind::Ptr(_) if key.is_str() => {
            let (rty, rp) = match ct.kind {
                // SAFETY: as above.
                Kind::Ptr(t) => (t, unsafe { *(p as *const *mut u8) }),
                _ => (ty, p),
            };
            // SAFETY: checked string.
            let name = unsafe { str_bytes(key) }.to_vec();
            match st.ffi().cts.find_field(rty, &name) {
                Some(FieldRef::Field { ty, offset, bits }) => {
                    // The fields of a const record are const.
                    let cts = &mut st.ffi().cts;
                    let ty = if cts.get(rty).qual & Q_CONST != 0 { cts.qualified(ty, Q_CONST) } else { ty };
                    Ok(Ok((ty, rp.wrapping_add(offset as usize), bits)))
                }
                Some(FieldRef::Const { value, .. }) => Ok(Err(TValue::number(value as f64))),
                None => {
                    let n = st.ffi().cts.repr(rty);
                    let k = String::from_utf8_lossy(&name).into_owned();
                    Err(st.caller_error(&format!("'{n}' has no member named '{k}'")))
                }
            }
        }
        _ if key.is_str() => {
            let n = st.ffi().cts.repr(ty);
            // SAFETY: checked string.
            let k = String::from_utf8_lossy(unsafe { str_bytes(key) }).into_owned();
            Err(st.caller_error(&format!("'{n}' has no member named '{k}'")))
        }
        _ => {
            let n = st.ffi().cts.repr(ty);
            let kn = type_name_of(st, key);
            Err(st.caller_error(&format!("'{n}' cannot be indexed with '{kn}'")))
        }
    }
}

/// `__index`/`__newindex` of a metatype, for keys that are not fields; None when it
/// has none (or an `__index` table without the key): the caller raises its error.
fn metatype_index(st: &mut State, name: &[u8], nargs: usize) -> LResult<Option<usize>> {
    let obj = st.arg(1);
    let mm = metatype_mm(st, obj, name);
    if mm.is_nil() {
        return Ok(None);
    }
    let args: Vec<TValue> = (1..=nargs).map(|i| st.arg(i)).collect();
    if mm.is_func() {
        return st.tail_call(mm, &args).map(Some);
    }
    // A table: its chain is followed as for a table's own `__index`/`__newindex`, a
    // function at its end called in this native's place.
    use crate::vm::meta::Resolved;
    if nargs == 2 {
        return match st.index_resolve(mm, args[1], None)? {
            // A key the table lacks is as missing as the field (LuaJIT's error).
            Resolved::Value(v) if v.is_nil() => Ok(None),
            Resolved::Value(v) => st.ret1(v).map(Some),
            Resolved::Call(f, o) => st.tail_call(f, &[o, args[1]]).map(Some),
        };
    }
    match st.newindex_resolve(mm, args[1], args[2], None)? {
        Resolved::Value(_) => Ok(Some(0)),
        Resolved::Call(f, o) => st.tail_call(f, &[o, args[1], args[2]]).map(Some),
    }
}

fn mm_index(st: &mut State) -> LResult<usize> {
    let (obj, key) = (st.arg(1), st.arg(2));
    if key.is_str()
        && let Some(c) = as_cdata(obj)
    {
        let cts = &st.ffi().cts;
        let is_fptr =
            matches!(cts.get(c.ctype).kind, Kind::Ptr(t) if matches!(cts.get(t).kind, Kind::Func(_)));
        // SAFETY: checked string.
        if is_fptr && let Some(m) = super::callback::cb_method(st, unsafe { str_bytes(key) }) {
            return st.ret1(m);
        }
    }
    let target = match index_target(st, obj, key) {
        Err(e) => match metatype_index(st, b"__index", 2)? {
            Some(n) => return Ok(n),
            None => return Err(e),
        },
        Ok(t) => t,
    };
    match target {
        // SAFETY: the target lies inside the object (or wherever the C pointer points,
        // which is the program's responsibility, as in C and LuaJIT).
        Ok((ty, p, bits)) => {
            let v = unsafe { st.load_field(ty, p, bits)? };
            st.ret1(v)
        }
        Err(v) => st.ret1(v),
    }
}

fn mm_newindex(st: &mut State) -> LResult<usize> {
    let (obj, key, val) = (st.arg(1), st.arg(2), st.arg(3));
    let target = match index_target(st, obj, key) {
        Err(e) => match metatype_index(st, b"__newindex", 3)? {
            Some(n) => return Ok(n),
            None => return Err(e),
        },
        Ok(t) => t,
    };
    match target {
        Ok((ty, p, bits)) => {
            if st.ffi().cts.get(ty).qual & Q_CONST != 0 {
                return Err(st.caller_error("attempt to write to constant location"));
            }
            // SAFETY: as in `mm_index`.
            unsafe { st.store_field(ty, p, bits, val)? };
            Ok(0)
        }
        Err(_) => Err(st.caller_error("attempt to write to constant location")),
    }
}

fn mm_tostring(st: &mut State) -> LResult<usize> {
    if let Some(n) = try_metatype(st, b"__tostring", 1)? {
        return Ok(n);
    }
    let v = st.arg(1);
    let Some(c) = as_cdata(v) else { return Err(st.arg_type_error(1, "cdata")) };
    let (ty, flags, p) = (c.ctype, c.flags, c.ptr);
    let repr = st.ffi().cts.repr(ty);
    if flags & IS_CTYPE != 0 {
        let s = st.str_value(format!("ctype<{repr}>").as_bytes());
        return st.ret1(s);
    }
    let ct = *st.ffi().cts.get(ty);
    let s = match ct.kind {
        Kind::Int { unsigned, .. } if ct.size == 8 => {
            // SAFETY: a 64-bit integer cdata's payload holds the value.
            let raw = unsafe { std::ptr::read_unaligned(p as *const u64) };
            if unsigned { format!("{raw}ULL") } else { format!("{}LL", raw as i64) }
        }
        Kind::Complex => {
            // SAFETY: a complex cdata's payload holds both parts.
            let (re, im) = unsafe { super::conv::read_complex(p, ct.size) };
            // As LuaJIT: the imaginary part keeps its own sign ("1-0i"), a NaN prints
            // as "+nan", and a non-finite part ends in a capital `I` ("1+infI").
            let sign = if im.is_sign_negative() && !im.is_nan() { "-" } else { "+" };
            let suffix = if im.is_finite() { "i" } else { "I" };
            let (re, im) = (st.number_string(re), st.number_string(im.abs()));
            // SAFETY: number_string returns strings.
            let (re, im) = unsafe { (str_bytes(re), str_bytes(im)) };
            format!("{}{sign}{}{suffix}", String::from_utf8_lossy(re), String::from_utf8_lossy(im))
        }
        Kind::Ptr(_) | Kind::Ref(_) => {
            // SAFETY: a pointer cdata's payload holds the address.
            let a = unsafe { std::ptr::read_unaligned(p as *const u64) };
            if a == 0 { format!("cdata<{repr}>: NULL") } else { format!("cdata<{repr}>: 0x{a:x}") }
        }
        _ => format!("cdata<{repr}>: 0x{:x}", p as u64),
    };
    let s = st.str_value(s.as_bytes());
    st.ret1(s)
}

fn mm_len(st: &mut State) -> LResult<usize> {
    if let Some(n) = try_metatype(st, b"__len", 1)? {
        return Ok(n);
    }
    let v = st.arg(1);
    let n = type_name_of(st, v);
    Err(st.caller_error(&format!("attempt to get length of '{n}'")))
}

fn mm_concat(st: &mut State) -> LResult<usize> {
    if let Some(n) = try_metatype(st, b"__concat", 2)? {
        return Ok(n);
    }
    let (a, b) = (st.arg(1), st.arg(2));
    let (x, y) = (type_name_of(st, a), type_name_of(st, b));
    Err(st.caller_error(&format!("attempt to concatenate '{x}' and '{y}'")))
}

fn mm_call(st: &mut State) -> LResult<usize> {
    let v = st.arg(1);
    match as_cdata(v) {
        Some(c) if c.flags & IS_CTYPE != 0 => {
            let ty = c.ctype;
            let mnew = metatype_mm(st, v, b"__new");
            if !mnew.is_nil() {
                let args: Vec<TValue> = (1..=st.nargs()).map(|i| st.arg(i)).collect();
                return st.tail_call(mnew, &args);
            }
            construct(st, ty, 2)
        }
        Some(c) => {
            let (ty, p) = (c.ctype, c.ptr);
            let mcall = metatype_mm(st, v, b"__call");
            if !mcall.is_nil() {
                let args: Vec<TValue> = (1..=st.nargs()).map(|i| st.arg(i)).collect();
                return st.tail_call(mcall, &args);
            }
            let cts = &st.ffi().cts;
            let fty = match cts.get(ty).kind {
                Kind::Func(_) => Some(ty),
                Kind::Ptr(t) if matches!(cts.get(t).kind, Kind::Func(_)) => Some(t),
                _ => None,
            };
            let Some(fty) = fty else {
                let n = type_name_of(st, v);
                return Err(st.caller_error(&format!("'{n}' is not callable")));
            };
            // SAFETY: function and function-pointer cdata hold the address.
            let addr = unsafe { std::ptr::read_unaligned(p as *const u64) };
            if addr == 0 {
                return Err(st.caller_error("attempt to call a NULL function pointer"));
            }
            let args: Vec<TValue> = (2..=st.nargs()).map(|i| st.arg(i)).collect();
            st.ffi_call(fty, addr, &args)
        }
        None => {
            let n = type_name_of(st, v);
            Err(st.caller_error(&format!("'{n}' is not callable")))
        }
    }
}

fn mm_eq(st: &mut State) -> LResult<usize> {
    let (a, b) = (st.arg(1), st.arg(2));
    if !st.cdata_eq_builtin(a, b)
        && let Some(n) = try_metatype(st, b"__eq", 2)?
    {
        return Ok(n);
    }
    let r = st.cdata_equal(a, b);
    st.ret1(TValue::boolean(r))
}

fn compare(st: &mut State, le: bool) -> LResult<usize> {
    let (a, b) = (st.arg(1), st.arg(2));
    match st.cdata_compare(a, b, le) {
        Some(r) => st.ret1(TValue::boolean(r)),
        None => {
            if let Some(n) = try_metatype(st, if le { b"__le" } else { b"__lt" }, 2)? {
                return Ok(n);
            }
            let (x, y) = (type_name_of(st, a), type_name_of(st, b));
            Err(st.caller_error(&format!("attempt to compare '{x}' with '{y}'")))
        }
    }
}

fn mm_lt(st: &mut State) -> LResult<usize> {
    compare(st, false)
}

fn mm_le(st: &mut State) -> LResult<usize> {
    compare(st, true)
}

fn arith(st: &mut State, op: ArithOp) -> LResult<usize> {
    let name: &[u8] = match op {
        ArithOp::Add => b"__add",
        ArithOp::Sub => b"__sub",
        ArithOp::Mul => b"__mul",
        ArithOp::Div => b"__div",
        ArithOp::Mod => b"__mod",
        ArithOp::Pow => b"__pow",
        ArithOp::Unm => b"__unm",
    };
    let (a, b) = (st.arg(1), st.arg(2));
    if !st.cdata_arith_builtin(op, a, b)
        && let Some(n) = try_metatype(st, name, 2)?
    {
        return Ok(n);
    }
    let r = st.cdata_arith(op, a, b)?;
    st.ret1(r)
}

fn mm_add(st: &mut State) -> LResult<usize> {
    arith(st, ArithOp::Add)
}
fn mm_sub(st: &mut State) -> LResult<usize> {
    arith(st, ArithOp::Sub)
}
fn mm_mul(st: &mut State) -> LResult<usize> {
    arith(st, ArithOp::Mul)
}
fn mm_div(st: &mut State) -> LResult<usize> {
    arith(st, ArithOp::Div)
}
fn mm_mod(st: &mut State) -> LResult<usize> {
    arith(st, ArithOp::Mod)
}
fn mm_pow(st: &mut State) -> LResult<usize> {
    arith(st, ArithOp::Pow)
}
fn mm_unm(st: &mut State) -> LResult<usize> {
    arith(st, ArithOp::Unm)
}

/// `tonumber` of a cdata (for the base library): numbers for scalar C values, nil for
/// anything else; a `long double` cannot be read (as in LuaJIT).
pub fn cdata_tonumber(st: &mut State, v: TValue) -> LResult<TValue> {
    let Some((ty, p)) = cdata_target(st, v) else { return Ok(TValue::NIL) };
    let ct = *st.ffi().cts.get(ty);
    Ok(match ct.kind {
        Kind::Int { .. } | Kind::Float | Kind::Bool | Kind::Enum(_) => {
            // SAFETY: `p` points at the live scalar the cdata holds.
            let s = unsafe { st.ffi().read_scalar(ty, p) };
            s.map_or(TValue::NIL, |s| TValue::number(s.to_f64()))
        }
        Kind::Complex => {
            // SAFETY: a complex cdata holds both parts.
            TValue::number(unsafe { super::conv::read_complex(p, ct.size) }.0)
        }
        Kind::LongDouble => return Err(st.caller_error("cannot convert 'long double' to 'double'")),
        _ => TValue::NIL,
    })
}
