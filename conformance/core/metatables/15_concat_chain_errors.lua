-- Concatenation chains with a non-string in the middle call __concat pairwise from the right.
local log = ""
local mt = {__concat = function(a, b)
  local function s(v) if type(v) == "table" then return "T" end return v end
  log = log .. "(" .. s(a) .. "," .. s(b) .. ")"
  return "R"
end}
local t = setmetatable({}, mt)
print("a" .. "b" .. t .. "c" .. "d")
print(log)
print(pcall(function() return "a" .. {} .. "b" end))
