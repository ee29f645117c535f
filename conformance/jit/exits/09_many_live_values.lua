-- An exit with many live values of mixed types in the loop's frame and a callee's.
-- jv: [TRACE   1 09_many_live_values.lua:10 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local function g(p, q, r)
  local u, v, w = p .. "!", q * 2, not r
  if q == 99 then cp("g") end
  return u, v, w
end
local a, b, c, d, e, f = "s", 0, true, nil, 1.5, {}
for i = 1, 200 do
  a, b, c = g("x" .. (i % 3), i, c)
  e = e * -1
end
print(a, b, c, d, e, type(f))
