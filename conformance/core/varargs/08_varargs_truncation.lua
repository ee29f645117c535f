-- ... in the middle of a list gives one value; at the end, all of them.
local function f(...)
  return ..., "end"
end
print(f(1, 2, 3))
local function g(...)
  local t = {..., "x"}
  return #t, t[1], t[2]
end
print(g(1, 2, 3))
print(g())
