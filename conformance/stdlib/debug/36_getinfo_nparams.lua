-- LuaJIT's "u" option also reports nparams and isvararg.
-- lua5.1 only reports nups.
local function f0() end
local function f2(a, b) end
local function fv(a, ...) end
for _, f in ipairs({f0, f2, fv}) do
  local i = debug.getinfo(f, "u")
  print(i.nups, i.nparams, i.isvararg)
end
local u1 = 1
local function g() return u1 end
print(debug.getinfo(g, "u").nups)
