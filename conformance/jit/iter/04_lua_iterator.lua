-- A Lua function as the iterator: ITERC's call is inlined into the trace.
-- jv: [TRACE   1 04_lua_iterator.lua:9 loop]
local function range(n, step)
  return function(_, i)
    if i + step <= n then return i + step end
  end, nil, 0
end
local s, c = 0, 0
for i in range(900, 3) do s = s + i; c = c + 1 end
print(s, c)
