-- debug hooks: call/return/line/count events, levels inside hooks, errors, coroutines
local events = {}
local function a() return 1 end
local function b() return a() + 1 end
debug.sethook(function(ev)
  local i = debug.getinfo(2, "nS")
  events[#events + 1] = ev .. ":" .. tostring(i.name) .. ":" .. i.what
end, "cr")
b()
local s = string.rep("x", 2)
debug.sethook()
print(table.concat(events, " "))

local lines = {}
local function f()
  local x = 1
  for i = 1, 2 do
    x = x + i
  end
  return x
end
debug.sethook(function(ev, line) lines[#lines + 1] = line end, "l")
f()
debug.sethook()
print(table.concat(lines, " "))

local function count(n)
  local hits = 0
  debug.sethook(function() hits = hits + 1 end, "", n)
  local z = 0
  for i = 1, 100 do z = z + i end
  debug.sethook()
  return hits
end
print(count(1), count(3), count(50), count(1000))

local seen = {}
local function g()
  local secret = "s"
  return secret
end
debug.sethook(function(ev, line)
  local name, val = debug.getlocal(2, 1)
  if name then seen[#seen + 1] = line .. "=" .. name end
end, "l")
g()
debug.sethook()
print(table.concat(seen, " "))

local fired = false
print(pcall(function()
  debug.sethook(function() if not fired then fired = true error("from hook") end end, "l")
  local q = 1
  return q
end))
debug.sethook()
print(debug.gethook())

local inside = 0
debug.sethook(function() inside = inside + 1 end, "l")
local co = coroutine.wrap(function() local p = 1 local q = 2 return p + q end)
co()
debug.sethook()
print(inside)

local evs = {}
local function leaf() return 1 end
local function tail() return leaf() end
debug.sethook(function(ev) evs[#evs + 1] = ev end, "cr")
tail()
debug.sethook()
print(table.concat(evs, " "))
local hf, hm, hc = debug.gethook()
print(hf, hm, hc)
debug.sethook(print, "crl", 5)
local gf, gm, gc = debug.gethook()
debug.sethook()
print(gf == print, gm, gc)
