-- Structs and unions: field access, nested and anonymous members, bitfields, initialisers.
local ffi = require "ffi"
ffi.cdef [[
typedef struct point { int x, y; } point;
struct rect { point tl, br; const char *name; };
union num { int i; float f; uint8_t b[4]; };
struct flags { unsigned a:1; unsigned b:3; int c:4; bool d:1; };
struct anon { int k; union { int i; double d; }; struct { short s1, s2; }; };
struct cst { const int c; int m; };
]]
local p = ffi.new("point", 3, 4)
print(p.x, p.y)
p.x = p.x + 10
print(p.x, ffi.new("point", {y = 5}).y, ffi.new("point", {1}).x)
local r = ffi.new("struct rect", {{1, 2}, {3, 4}})
print(r.tl.x, r.tl.y, r.br.x, r.br.y, r.name == nil)
r.br.y = 40
print(r.br.y, tostring(ffi.typeof(r.br)))
local u = ffi.new("union num")
u.i = 0x01020304
print(u.b[0], u.b[1], u.b[2], u.b[3])
u.f = 1.0
print(u.i)
local f = ffi.new("struct flags")
f.a = 1; f.b = 13; f.c = -3; f.d = true
print(f.a, f.b, f.c, f.d)
f.c = 9
print(f.c, ffi.offsetof("struct flags", "c"))
local a = ffi.new("struct anon")
a.i = 7; a.s2 = -2
print(a.i, a.s2, ffi.offsetof("struct anon", "d"), ffi.offsetof("struct anon", "s2"), ffi.sizeof(a))
print(pcall(function() return p.z end))
print(pcall(function() p.z = 1 end))
local c = ffi.new("struct cst", 5, 6)
print(c.c, c.m, pcall(function() c.c = 1 end))
local q = ffi.new("point[2]", {{1, 2}, {3, 4}})
print(q[1].x, q[1].y)
local pp = ffi.new("point *", q)
print(pp.x, pp[1].y)
