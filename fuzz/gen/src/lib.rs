//! twin-gen: generates valid, terminating, JIT-hot Lua programs as `twin_lua::syntax` ASTs.
