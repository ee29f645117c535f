-- require finds Lua files along package.path ('?' is the name with '.' turned into '/').
-- The files live beside a temporary name; paths in messages are shown as TMP.
local base = os.tmpname()
local function write(name, text)
  local f = assert(io.open(base .. name, "w"))
  f:write(text)
  f:close()
end
local function esc(s) return (s:gsub("%p", "%%%0")) end
local function show(...)
  local t = { ... }
  for i = 1, select('#', ...) do
    if type(t[i]) == "string" then t[i] = t[i]:gsub(esc(base), "TMP") end
  end
  return unpack(t, 1, select('#', ...))
end
write("_one.lua", "local name = ... return { name = name, answer = 42 }")
write("_syntax.lua", "local x = = 1")
write("_runtime.lua", "local t = nil\nreturn t.field")
write("_global.lua", "loaded_global = (loaded_global or 0) + 1")
package.path = base .. "_?.lua"
package.cpath = "./?.so"
local one = require("one")
print(one.name, one.answer, require("one") == one)
print(show(pcall(require, "syntax")))
print(show(pcall(require, "runtime")))
print(require("global"), loaded_global, require("global"), loaded_global)
-- several templates: the first readable file wins
package.path = base .. "_nothing_?.lua;" .. base .. "_?.lua"
package.loaded.one = nil
print(require("one").answer)
-- a path that is not a string
package.path = 1
print(pcall(require, "number_path"))
package.path = {}
print(pcall(require, "table_path"))
for _, n in ipairs({ "_one.lua", "_syntax.lua", "_runtime.lua", "_global.lua" }) do
  os.remove(base .. n)
end
os.remove(base)
