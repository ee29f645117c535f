//! The virtual machine: values, objects, GC, the interpreter.
//!
//! * [`value`]: the NaN-tagged `TValue` (the layout machine code relies on)
//! * [`gc`]: object header, allocation, mark and sweep
//! * [`string`], [`table`], [`func`], [`udata`], [`state`]: the object kinds
//! * [`frame`]: frame links and stack layout
//! * [`interp`]: the dispatch loop, calls, returns, pcall, unwinding
//! * [`meta`], [`arith`]: metamethod resolution and arithmetic slow paths
//! * [`error`]: messages with variable names, frame walking, tracebacks
//! * [`load`], [`frontend`]: prototypes to closures, source to prototypes
//! * [`numfmt`], [`strscan`] (through [`convert`]): number formatting and scanning
//! * [`api`]: the embedding API
//! * [`fault`]: a test-only switch that plants a wrong answer (`TWIN_LUA_FAULT`)

pub mod api;
pub mod arith;
pub mod convert;
pub mod error;
pub mod fault;
pub mod frame;
pub mod frontend;
pub mod func;
pub mod gc;
pub mod interp;
pub mod load;
pub mod meta;
pub mod numfmt;
pub mod state;
pub mod string;
pub mod strscan;
pub mod table;
pub mod udata;
pub mod value;
