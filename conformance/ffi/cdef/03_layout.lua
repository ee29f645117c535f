-- Sizes, alignments and offsets follow the C ABI (bitfields, packing, alignment).
local ffi = require "ffi"
ffi.cdef [[
struct b1 { int a:3; int b:5; char c; };
struct b2 { char a; int b:20; int c:20; };
struct b4 { char a; int :0; char c; };
struct __attribute__((packed)) p1 { char a; int b; };
struct p2 { char a; int b; } __attribute__((packed));
struct p3 { char a; int b __attribute__((aligned(16))); };
#pragma pack(push, 2)
struct p4 { char a; int b; double c; };
#pragma pack(pop)
struct p5 { char a; int b; double c; };
struct a1 { char a; struct { short x; int y; }; char z; };
union u1 { char a; int b; double c; char d[11]; };
struct b5 { unsigned a:1; unsigned b:31; unsigned c:2; };
struct b6 { char a; short b:9; short c:9; };
struct f1 { int a; int b[]; };
struct n1 { char a; struct { char b; double c; } d; char e; };
struct arr { char a; short b[3]; long long c; };
]]
for _, n in ipairs { "b1", "b2", "b4", "p1", "p2", "p3", "p4", "p5", "a1", "b5", "b6", "f1", "n1", "arr" } do
  local t = "struct " .. n
  local s = ffi.sizeof(t) .. " " .. ffi.alignof(t)
  for _, f in ipairs { "a", "b", "c", "d", "e", "x", "y", "z" } do
    local o, bp, bs = ffi.offsetof(t, f)
    if o then s = s .. " " .. f .. "=" .. o .. (bp and ("/" .. bp .. "/" .. bs) or "") end
  end
  print(n, s)
end
print(ffi.sizeof("union u1"), ffi.alignof("union u1"))
print(ffi.alignof("int __attribute__((aligned(16)))"), ffi.sizeof("int __attribute__((aligned(16)))"))
for _, t in ipairs { "char", "short", "int", "long", "long long", "float", "double", "void *", "bool", "complex", "complex float", "long double", "int[7]", "double[2][3]" } do
  print(t, ffi.sizeof(t), ffi.alignof(t))
end
