-- The second __concat of a chain (called from the first one's continuation) raises an
-- error for one value: pcall reports the interpreter's message; __concat runs as its own
-- function trace there, and inline in the trace of the unprotected loop below.
-- jv: [TRACE * 41_concat_error_midchain.lua:21 loop]
local T = {}
T.__concat = function(a, b)
  local l = type(a) == "table" and a.id or a
  local r = type(b) == "table" and b.id or b
  if l == "x" and r == "7[y]cd" then error("boom at 7") end
  return "[" .. l .. "]" .. r
end
local x, y = setmetatable({id = "x"}, T), setmetatable({id = "y"}, T)
local function f(i) return "a" .. x .. i .. y .. "c" .. "d" end
local n, msg = 0, nil
for i = 1, 100 do
  local ok, r = pcall(f, i)
  if ok then n = n + #r else msg = r end
end
print(n, msg)
local s = 0
for i = 10, 100 do s = s + #("a" .. x .. i .. y .. "c" .. "d") end
print(s)
