-- The `setmetatable` calls a trace does not record stitch through the interpreter,
-- which raises their errors: replacing a metatable (the recording starts at i = 57, so
-- the first one stitches), a protected metatable (__metatable), a non-table metatable,
-- and debug.setmetatable (same name, another function). Setting a nil metatable on a
-- table without one is recorded.
-- jv: [TRACE   1 46_setmetatable_fallbacks.lua:12 stitch setmetatable]
-- jv: [TRACE   3 (2/stitch) 46_setmetatable_fallbacks.lua:17 stitch debug.setmetatable]
local A, B = {tag = "A"}, {tag = "B"}
A.__index, B.__index = A, B
local locked = setmetatable({}, {__metatable = "locked"})
local n, errs, tags = 0, {}, {}
for i = 1, 90 do
  local o = setmetatable({}, A)
  if i % 3 == 0 then setmetatable(o, B) end
  if i % 9 == 0 then setmetatable(o, nil) end
  tags[#tags + 1] = o.tag or "-"
  local ok, e = pcall(setmetatable, locked, A)
  if not ok and i % 30 == 0 then errs[#errs + 1] = e end
  if i % 45 == 0 then
    local ok2, e2 = pcall(setmetatable, o, 42)
    errs[#errs + 1] = tostring(ok2) .. " " .. e2
  end
  debug.setmetatable(o, nil)
  if getmetatable(o) == nil then n = n + 1 end
  setmetatable(o, nil)
end
print(n, table.concat(tags, "", 1, 18), #tags)
for _, e in ipairs(errs) do print(e) end
