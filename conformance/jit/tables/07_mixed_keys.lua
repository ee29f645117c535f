-- Keys of several types: booleans, floats, negative and zero numbers, tables.
-- jv: [TRACE   1 07_mixed_keys.lua:5 loop]
local t = {}
local kt = {}
for i = 1, 300 do
  t[i % 2 == 0] = i
  t[i / 4] = i
  t[-i] = i
  t[kt] = (t[kt] or 0) + 1
end
print(t[true], t[false], t[0.25], t[75], t[-300], t[kt], t[0])
