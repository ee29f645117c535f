-- An upvalue whose type changes from number to string while the loop runs.
-- jv: [TRACE   1 07_upvalue_type_change.lua:12 loop]
local function make()
  local v = 1
  return function(i)
    if i == 200 then v = "str" end
    return type(v) == "number" and v or #v
  end
end
local f = make()
local s = 0
for i = 1, 400 do s = s + f(i) end
print(s)
