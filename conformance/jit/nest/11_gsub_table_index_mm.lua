-- string.gsub with a table replacement whose __index is a function: the native looks
-- the match up and the lookup calls the metamethod, which loops.
-- jv: [TRACE   1 11_gsub_table_index_mm.lua:6 loop]
local repl = setmetatable({}, {__index = function(t, k)
  local r = ""
  for i = #k, 1, -1 do r = r .. k:sub(i, i) end
  return r
end})
local s = string.rep("hello world lua ", 15)
local out = s:gsub("%a+", repl)
print(out:sub(1, 48), #out)
