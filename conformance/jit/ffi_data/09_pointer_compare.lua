-- Pointer comparisons: ordering of addresses, equality, and NULL against nil, in
-- loops whose outcome changes (exits) half way.
local ffi = require("ffi")
local arr = ffi.new("uint8_t[100]")
local lo = ffi.cast("uint8_t *", arr)
local hi = lo + 50
local null = ffi.cast("void *", 0)
local below, same, le, nul = 0, 0, 0, 0
for i = 0, 99 do
  local p = lo + i
  if p < hi then below = below + 1 end
  if p <= hi then le = le + 1 end
  if p == hi then same = same + 1 end
  if null == nil then nul = nul + 1 end
end
print(below, same, le, nul, null == nil, lo == nil)
-- jv: [TRACE   1 09_pointer_compare.lua:9 loop]
