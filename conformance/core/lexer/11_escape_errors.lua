-- lua5.1 accepts unknown escapes such as \q (it drops the backslash) and has no \u.
-- Malformed escapes are syntax errors.
local function try(src)
  local f, err = loadstring(src)
  print(err)
end
try([[return "\q"]])
try([[return "\u{110000}"]])
try([[return "\u{}"]])
try([[return "\u41"]])
try([[return "\u{41"]])
try([[return "abc]])
try("return 'a\nb'")
