-- lua5.1 differs: it prints -0 as 0 and NaN as -nan.
-- Edge values through recorded math functions: infinities, -0, NaN, huge exponents.
-- jv: [TRACE   1 04_math_edges.lua:7 loop]
local vals = { 0, -0, 1 / 0, -1 / 0, 0 / 0, 1e308, -1e-308, 2 ^ 53, 0.5, -2.5 }
local out = {}
for r = 1, 30 do
  for j = 1, #vals do
    local v = vals[j]
    local f, c, a = math.floor(v), math.ceil(v), math.abs(v)
    local d = math.deg(v) + math.rad(v)
    if r == 30 then out[#out + 1] = tostring(f) .. " " .. tostring(c) .. " " .. tostring(a) .. " " .. tostring(d) end
  end
end
print(table.concat(out, "\n"))
print(1 / math.floor(-0), 1 / math.ceil(-0.5), math.sqrt(-1) ~= math.sqrt(-1))
