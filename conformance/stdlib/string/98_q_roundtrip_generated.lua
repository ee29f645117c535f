-- %q output reads back as the same string, for strings built from every byte value.
local ok = true
for seed = 0, 255 do
  local t = {}
  for i = 0, 15 do t[#t + 1] = string.char((seed * 7 + i * 31) % 256) end
  local s = table.concat(t)
  local back = loadstring("return " .. string.format("%q", s))()
  if back ~= s then ok = false; print("mismatch at", seed) end
end
print(ok)
