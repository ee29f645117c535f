-- A traceback of a deep stack keeps the innermost and outermost levels and elides the middle
-- ("...").
-- lua5.1 keeps the innermost frame (LuaJIT drops it: debug.traceback is tail-called) and
-- elides at other levels.
local function clean(tb) return (tb:gsub("\n[^\n]*0x%x+[^\n]*", "")) end
local function rec(n)
  if n == 0 then return debug.traceback("deep") end
  local r = rec(n - 1)
  return r
end
print(clean(rec(40)))
