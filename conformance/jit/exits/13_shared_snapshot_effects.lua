-- Guards of loads share the last snapshot until an effect: an exit resumes at an
-- earlier bytecode and the interpreter runs the loads and arithmetic between again,
-- from the values the snapshot restores (a local stepped in between, `s = s + a`,
-- is stepped once). A store, an upvalue store or a call in between makes the next
-- guard take a snapshot after it, so none of them runs twice. A store's own checks
-- come before it stores: they share the snapshot too. At i = 60 a row with a metatable
-- fails the store's check for one, at i = 70 an element turns into a string, at
-- i = 80 a field does, at i = 90 one is missing.
-- jv: [TRACE * 13_shared_snapshot_effects.lua:24 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local obj = { x = 2, y = 3, n = 0 }
local calls = 0
local function bump(t) t.n = t.n + 1 calls = calls + 1 end
local list, rows = {}, {}
for i = 1, 100 do
  list[i] = i
  rows[i] = { v = i, w = 2 * i, seen = 0 }
end
setmetatable(rows[60], { __index = function() return 0 end })
list[70] = "seventy"
rows[80].w = "eighty"
rows[90].v = nil
local s, stores = 0, 0
for i = 1, 100 do
  local a = obj.x * i + obj.y
  s = s + a
  local e = list[i]
  obj.n = obj.n + 1
  stores = stores + 1
  bump(obj)
  local r = rows[i]
  local v, w = r.v, r.w
  r.seen = r.seen + i
  if type(e) ~= "number" or type(w) ~= "number" or v == nil then
    cp(i)
  else
    s = s + e + v + w
  end
end
local seen = 0
for i = 1, 100 do seen = seen + rows[i].seen end
print(s, stores, obj.n, calls, seen)
