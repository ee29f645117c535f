-- module(name, ...): creates or reuses the module table (dotted names nest in _G),
-- registers it in package.loaded, sets _M, _NAME, _PACKAGE and makes it the calling
-- function's environment.
local print, pairs, tostring, table, getmetatable, package, rawget =
  print, pairs, tostring, table, getmetatable, package, rawget
local G = _G
local function keys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = tostring(k) end
  table.sort(ks)
  return table.concat(ks, ",")
end
local function def()
  module("top.mid.leaf", package.seeall)
  value = 1
  return _M, _NAME, _PACKAGE
end
local M, N, P = def()
print(N, P, M == G.top.mid.leaf, M.value, rawget(G, "value"))
print(keys(M), keys(G.top), keys(G.top.mid))
print(package.loaded["top.mid.leaf"] == M, getmetatable(M).__index == G)
local function plain()
  module("plain")
  x = "in plain"
end
plain()
print(G.plain._NAME, "[" .. G.plain._PACKAGE .. "]", G.plain.x, getmetatable(G.plain))
-- calling module again keeps the fields of the initialised module
local function again()
  module("plain")
  y = "again"
end
again()
print(G.plain.x, G.plain.y)
-- a table already in package.loaded is used, and not put into _G
package.loaded.given = { preset = true }
local function given() module("given") end
given()
print(package.loaded.given._NAME, package.loaded.given.preset, rawget(G, "given"))
-- options are called with the module, in order
local function opts()
  module("withopts", function(m) print("option 1", m._NAME) end, function(m) m.flag = true end)
end
opts()
print(G.withopts.flag)
-- module tables made by require'd files
package.preload.viareq = function(name)
  module(name)
  function hello() return "hello from " .. _NAME end
end
print(require("viareq").hello())
