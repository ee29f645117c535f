-- Hidden locals of numeric and generic for loops.
local function dump()
  local out = {}
  local n = 1
  while true do
    local name, value = debug.getlocal(2, n)
    if not name then break end
    out[#out + 1] = name .. "=" .. (type(value) == "function" and "fn" or type(value) == "table" and "tbl" or tostring(value))
    n = n + 1
  end
  print(table.concat(out, " "))
end
for i = 10, 20, 5 do dump() break end
for k, v in ipairs({"x"}) do dump() end
