-- Nested pcalls: an inner error is caught by the inner pcall only.
local log = ""
local ok, v = pcall(function()
  local ok2, e2 = pcall(function() error("inner", 0) end)
  log = log .. tostring(ok2) .. ":" .. e2 .. " "
  error("outer", 0)
end)
print(ok, v, log)
print(pcall(pcall, error, "x"))
