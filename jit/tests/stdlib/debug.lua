-- debug library: levels, locals (hidden and varargs), upvalues, names, tracebacks
local function tb(...) return (debug.traceback(...):gsub("0x%x+", "0xADDR")) end
local function dump(t) local ks={} for k in pairs(t) do ks[#ks+1]=k end table.sort(ks) local o={} for _,k in ipairs(ks) do local v = t[k] if type(v) == "function" then v = "fn" end o[#o+1]=k.."="..tostring(v) end return table.concat(o," ") end
local function f(a, b, ...)
  local x = 1
  for i = 1, 1 do
    local j = 1
    while true do
      local n, val = debug.getlocal(1, j)
      if not n then break end
      print(j, n, type(val)=="number" and val or type(val))
      j = j + 1
    end
  end
  for j = -1, -5, -1 do print(j, debug.getlocal(1, j)) end
  print(debug.setlocal(1, 3, 99), x, debug.setlocal(1, -2, "VB"), select(2, ...), debug.setlocal(1, 40, 1))
  print(dump(debug.getinfo(1)))
  local i2 = debug.getinfo(2, "nSl") i2.lastlinedefined = nil print(dump(i2))
  print(dump(debug.getinfo(1, "n")))
  return debug.getinfo(1, "n")
end
f(10, 20, "va", "vb")
print(dump(debug.getinfo(print, "flnS")))
print(dump(debug.getinfo(f, "u")), dump(debug.getinfo(f, "S")))
print(pcall(debug.getinfo, 1, "x"))
print(pcall(debug.getinfo, 100))
print(debug.getinfo(100))
print(pcall(debug.getinfo, "x"))
print(pcall(debug.getlocal, 100, 1))
print(pcall(debug.getlocal, print, 1))
print(debug.getlocal(f, 1), debug.getlocal(f, 2), debug.getlocal(f, 3))
local up1, up2 = 1, 2
local function g() return up1 + up2 end
print(debug.getupvalue(g, 1), debug.getupvalue(g, 2), debug.getupvalue(g, 3), debug.getupvalue(g, 0))
print(debug.setupvalue(g, 1, 10), g())
print(type(debug.upvalueid(g, 1)), pcall(debug.upvalueid, g, 5))
local function h() return up1 end
print(debug.upvalueid(g, 1) == debug.upvalueid(h, 1), debug.upvalueid(g, 1) == debug.upvalueid(g, 2))
debug.upvaluejoin(h, 1, g, 2) print(h())
print(pcall(debug.upvaluejoin, f, 9, g, 1), pcall(debug.upvaluejoin, print, 1, g, 1))
print(tb("msg"))
print(tb("msg", 2))
print(tb(12))
print(type(debug.traceback({})), debug.traceback(nil))
print(debug.gethook())
print(debug.setmetatable(1, nil), debug.getmetatable(1), debug.getmetatable("").__index == string)
print(debug.getfenv(1), debug.getfenv(print) == _G, pcall(debug.setfenv, 1, {}))
print(pcall(debug.setfenv, print, 1), type(debug.getregistry()))
local co = coroutine.create(function(p, ...) local q = 3; coroutine.yield() end)
coroutine.resume(co, 7, 8, 9)
print(debug.getlocal(co, 1, 1), debug.getlocal(co, 1, 2), debug.getlocal(co, 1, -1))
print(debug.getinfo(co, 0, "Sl").what, debug.getinfo(co, 1, "Sl").currentline, debug.getinfo(co, 2, "Sl"))
print(tb(co))
print(tb(co, "hi", 1))
local function it(s, c) local i = debug.getinfo(1, "n") print(i.namewhat, i.name) if c < 1 then return c + 1 end end
for x in it, nil, 0 do end
local mt = {}
mt.__index = function() local i = debug.getinfo(1, "n") print(i.namewhat, i.name) return 1 end
mt.__add = function() local i = debug.getinfo(1, "n") print(i.namewhat, i.name) return 1 end
local t = setmetatable({}, mt)
local _ = t.x, t + 1
local o = {m = function() local i = debug.getinfo(1, "n") print(i.namewhat, i.name) end}
o:m() o.m()
gm = o.m gm()
pcall(o.m)
local function r(n) if n == 0 then print(tb("deep")) return end r(n-1) end
r(30)
