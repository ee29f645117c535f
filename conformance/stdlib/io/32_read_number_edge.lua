-- lua5.1's %q keeps tabs raw.
-- read("*n") edge cases: leading whitespace, signs, hex, exponent without digits.
local function readn(s)
  local f = io.tmpfile()
  f:write(s)
  f:seek("set")
  local n = f:read("*n")
  local rest = f:read("*a")
  f:close()
  return tostring(n) .. " | rest " .. string.format("%q", rest)
end
for _, s in ipairs({"  12", "\n\t-3.25x", "+5", "0x10", "1e", "1e+2", "- 1", "", "nan", "inf", ".e1", "0x", "00012", "1.5.5"}) do
  print(string.format("%q", s), readn(s))
end
