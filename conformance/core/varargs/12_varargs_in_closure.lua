-- lua5.1 cuts the chunkname in the message at a different length.
-- ... cannot be used directly in a nested function; capture it in a table first.
local function outer(...)
  local args = {...}
  local n = select("#", ...)
  return function() return n, args[1], args[n] end
end
print(outer("a", "b", "c")())
print(loadstring("function f(...) return function() return ... end end"))
