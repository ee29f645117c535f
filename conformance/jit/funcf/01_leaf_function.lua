-- A function called often from code that does not trace (its loop makes a closure,
-- which is not recorded) becomes hot at its entry: a function trace, which ends at the
-- return, leaving it to the interpreter (link `return`). Its entry is counted once per
-- call, before the loop's back edge of the same iteration: it forms before the loop
-- aborts.
-- jv: [TRACE * 01_leaf_function.lua:8 return]
-- jv: [TRACE --- 01_leaf_function.lua:13 -- NYI: bytecode FNEW*]
local function weight(a, b)
  local w = a * 3 + b
  return w % 17
end
local out = {}
for i = 1, 300 do
  local _ = function() end
  out[#out + 1] = string.format("%d", weight(i, i + 1))
end
print(#out, out[1], out[300])
