-- Argument types that change deep in the recursion (numbers, then strings, then
-- booleans): each change is an exit and the interpreter finishes that level.
-- jv: [TRACE * 30_type_change_deep.lua:4 up-recursion]
local function conv(v, n)
  if n == 0 then return tostring(v) end
  local r = conv(v, n - 1)
  if type(v) == "number" then return r .. "+" end
  if type(v) == "string" then return r .. "s" end
  return r .. "?"
end
for i = 1, 30 do conv(i, 20) end
print(conv(1, 25), conv("a", 25), conv(true, 5))
local function mix(n) if n == 0 then return 0 end if n == 3 then return "three" .. mix(n - 1) end return tostring(mix(n - 1)) .. n end
print(mix(12))
