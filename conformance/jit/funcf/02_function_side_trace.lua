-- A branch in a function trace that gets hot grows a side trace of the function
-- trace, which also ends in the interpreter. (The loop makes a closure, which is not
-- recorded, so it does not trace itself.)
-- jv: [TRACE * 02_function_side_trace.lua:6 return]
-- jv: [TRACE * (*) 02_function_side_trace.lua:8 return]
local function classify(n)
  local r = n % 3
  if r == 0 then
    return "fizz"
  end
  return "n"
end
local counts = { fizz = 0, n = 0 }
for i = 1, 400 do
  local _ = function() end
  local c = classify(i)
  counts[c] = counts[c] + 1
  local s = string.format("%s", c)
end
print(counts.fizz, counts.n)
