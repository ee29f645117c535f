-- setfenv(1, t) sets the environment of the running function.
local function f()
  setfenv(1, {print = print, tag = "level one"})
  print(tag)
end
f()
print(tag)
local function g()
  local function inner() setfenv(2, {print = print, tag = "set by inner"}) end
  inner()
  print(tag)
end
g()
