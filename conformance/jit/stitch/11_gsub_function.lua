-- string.gsub with a replacement function in a hot loop: the function runs inside the
-- stitched native; the counts come back through the stack.
-- jv: [TRACE   2 11_gsub_function.lua:7 stitch string.gsub]
-- jv: [TRACE   3 (2/stitch) 11_gsub_function.lua:8 -> 2]
local function up(c) return c:upper() end
local n, last = 0, nil
for i = 1, 200 do
  local s, k = string.gsub("a" .. i .. "b", "%a", up)
  n = n + k + #s
  last = s
end
print(n, last)
