-- lua5.1 also marks the line of the final 'end'.
-- debug.getinfo "L": the set of lines with code (keys printed sorted).
local function f(x)
  local y = x + 1

  if y > 2 then
    return y
  end
  return 0
end
local lines = debug.getinfo(f, "L").activelines
local ks = {}
for k, v in pairs(lines) do ks[#ks + 1] = k .. "=" .. tostring(v) end
table.sort(ks)
print(table.concat(ks, " "))
print(debug.getinfo(print, "L").activelines)
