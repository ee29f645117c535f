-- An exit inside a Lua iterator on trace (its control value changes type), then the
-- loop ends in the interpreter with the same results.
-- jv: [TRACE   2 10_exit_in_iterator.lua:14 loop]
local function walk(t)
  return function(_, i)
    i = i + 1
    local v = t[i]
    if v ~= nil then return i, v end
  end, nil, 0
end
local t = {}
for i = 1, 300 do t[i] = (i == 250) and "s" or i end
local s, str = 0, ""
for i, v in walk(t) do
  if type(v) == "number" then s = s + v else str = v end
end
print(s, str)
