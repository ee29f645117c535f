-- Malformed numbers are syntax errors reported at the whole token.
local function try(src)
  local f, err = loadstring(src)
  print(err)
end
try("return 1e")
try("return 0x")
try("return 1.2.3")
try("return 3x")
try("return 0xg")
try("return 1e+")
try("return 08a")
