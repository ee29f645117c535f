-- Unfinished long strings and comments are errors at <eof>.
local function try(src)
  local f, err = loadstring(src)
  print(err)
end
try("return [[abc")
try("return [==[abc]=]")
try("--[[ open comment")
try("return [=")
try("return [==x]]")
