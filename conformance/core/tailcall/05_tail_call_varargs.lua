-- Tail calls forwarding varargs.
local function count(...) return select("#", ...) end
local function fwd(n, ...)
  if n == 0 then return count(...) end
  return fwd(n - 1, ...)
end
print(fwd(100000, 1, nil, 3))
