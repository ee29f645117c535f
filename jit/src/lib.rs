//! twin-lua: a tracing-JIT Lua engine (Lua 5.1 plus LuaJIT 2.1's extensions).
//!
//! Layout, one concern per module:
//!
//! * [`syntax`]: lexer, parser, AST and printer (shared with the generator and reducer)
//! * [`bytecode`]: the instruction set and the AST -> bytecode compiler
//! * [`vm`]: values, objects, GC, strings, tables, stack and frames, the interpreter
//! * [`lib`]: the standard libraries
//! * [`trace`]: the trace compiler (hot counting, recorder, IR, snapshots, lifecycle)
//! * [`backend`]: trace IR to machine code with Cranelift, code memory, entry and exits
//! * [`ffi`]: the FFI (C types and data, calls into C)

pub mod backend;
pub mod bytecode;
pub mod ffi;
#[path = "lib/mod.rs"]
pub mod lib;
pub mod syntax;
pub mod trace;
pub mod vm;
