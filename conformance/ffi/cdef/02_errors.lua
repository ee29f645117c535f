-- Parse errors carry LuaJIT's messages (and " at line N" past the first line).
local ffi = require "ffi"
local function cdef(s) print(pcall(ffi.cdef, s)) end
local function typeof(s) print(pcall(ffi.typeof, s)) end
cdef "foo bar;"
cdef "int 3;"
cdef "struct { int a"
cdef "int a[-1];"
cdef "struct bad { int a : 40; };"
cdef "struct e1 { int a; }; struct e1 { int b; };"
cdef "\n\nfoo x;"
cdef "enum { EA = 1 }; enum { EA = 2 };"
cdef "struct e2 { int a; }; union e2 { int b; };"
typeof "int x y"
typeof "struct nope"
typeof ""
typeof "int[?][?]"
print(pcall(ffi.typeof, "int", 1))
print(pcall(ffi.typeof, "$"))
-- Redeclaring typedefs and functions is allowed.
cdef "typedef int td_t; typedef int td_t;"
cdef "int rf(int); int rf(int);"
