-- A struct field of the same name as a key of the metatype's __index table: the
-- field wins; other keys come from the table (and its own __index chain); a key
-- neither has is an error.
local ffi = require("ffi")
ffi.cdef[[ typedef struct fw { int32_t size; int32_t len; } fw_t; ]]
local base = setmetatable({}, { __index = function(t, k) return k == "deep" and 99 or nil end })
local methods = setmetatable({ size = "method", kind = 3 }, { __index = base })
local W = ffi.metatype("fw_t", { __index = methods })
local w = W(4, 5)
local acc = 0
for i = 1, 200 do
  w.size = i
  acc = acc + w.size + w.kind + w.deep + w.len
end
print(acc, w.size, methods.size)
-- The chain ends in a function, whose nil is the answer; a plain table that lacks
-- the key is the "no member" error.
print(pcall(function() return w.missing end))
ffi.cdef[[ typedef struct fw2 { int32_t size; } fw2_t; ]]
local V = ffi.metatype("fw2_t", { __index = { kind = 1 } })
local v = V(1)
local ok, e = pcall(function() local n = 0 for i = 1, 100 do n = n + v.kind + (i == 90 and v.missing or 0) end return n end)
print(ok, (tostring(e):gsub("^.-: ", "")))
-- jv: [TRACE   1 37_metatype_field_wins.lua:11 loop]
