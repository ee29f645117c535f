//! Lua source text to AST and back.

pub mod ast;
