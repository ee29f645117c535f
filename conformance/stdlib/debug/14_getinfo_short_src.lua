-- lua5.1 shortens chunk names to a smaller size (LUA_IDSIZE 60 vs LuaJIT's).
-- short_src shortening of long chunk names.
local long = string.rep("x", 100)
for _, name in ipairs({"=" .. long, "@" .. long, long, "line1\nline2", "=short", "@short.lua", "short string"}) do
  local f = loadstring("return debug.getinfo(1, 'S').short_src", name)
  print(f())
end
