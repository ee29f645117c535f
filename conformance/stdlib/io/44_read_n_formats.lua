-- read("*n") with hex floats, exponents and long digit strings.
-- lua5.1's %q writes control characters raw.
local function readn(s)
  local f = io.tmpfile()
  f:write(s)
  f:seek("set")
  local a, b = f:read("*n", "*n")
  f:close()
  return tostring(a) .. " " .. tostring(b)
end
for _, s in ipairs({"0x1p4 2", "1e2 3e-2", "123456789012345678901234567890 1", "0x.8 .25", "-0 -0.0", "0x7fffffff 0xffffffffff", "1e308 1e309"}) do
  print(string.format("%q", s), readn(s))
end
