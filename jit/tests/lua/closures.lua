-- closures and upvalues, varargs, tail calls, multiple results
local fns = {}
for i = 1, 3 do fns[i] = function() return i end end
print(fns[1](), fns[2](), fns[3]())
local function counter()
  local n = 0
  return function() n = n + 1 return n end, function() return n end
end
local inc, get = counter()
inc() inc()
print(get())
local acc = {}
local j = 0
while j < 3 do
  j = j + 1
  local k = j
  acc[j] = function() k = k + 10 return k end
end
print(acc[1](), acc[1](), acc[2](), acc[3]())
local function va(...)
  local a, b = ...
  return select('#', ...), a, b, select(2, ...)
end
print(va())
print(va(1))
print(va(1, nil, 3))
print(select(-1, 1, 2, 3), select(-2, 1, 2, 3))
print(select('#', nil, nil))
local function pack(...) return {...} end
local p = pack(1, 2, 3)
print(#p, unpack(p))
print(unpack({1, 2, 3}, 2))
print(unpack({1, 2, 3}, 2, 5))
local function tail(n) if n == 0 then return "bottom" end return tail(n - 1) end
print(tail(100000))
local function multi() return 1, 2, 3 end
local t = {multi(), multi()}
print(#t, (multi()))
print(multi(), "end")
local function rec(n) if n == 0 then return 0 end return 1 + rec(n - 1) end
print(rec(1000))
print(pcall(rec, 1e6))
local env = {print = print, x = "envx"}
local function usesenv() return x end
setfenv(usesenv, env)
print(usesenv(), getfenv(usesenv) == env, getfenv(print) == _G)
local loaded = loadstring("return ...")
print(loaded(4, 5))
print(type(load(function() return nil end)))
local parts = {"return ", "1 + ", "2"}
local idx = 0
print(load(function() idx = idx + 1 return parts[idx] end)())
print(loadstring("syntax error here"))
print(pcall(loadstring("error('inside')")))
