-- Method call and definition syntax, including string and table call arguments.
local function try(src) local f, err = loadstring(src) print(err) end
try("a:b")
try("a:b.c()")
try("a:1()")
local obj = {n = 3}
function obj:get(x) return self.n + (x or 0) end
print(obj:get(), obj:get(2), obj.get(obj, 10))
local called = {}
function obj:s(str) return "got " .. str end
print(obj:s"lit", obj:s[[long]])
function obj:t(t) return t[1] end
print(obj:t{42})
