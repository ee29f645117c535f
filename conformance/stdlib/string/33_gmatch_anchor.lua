-- In gmatch (LuaJIT / Lua 5.1), '^' is not an anchor: it matches a literal '^' only... or nothing.
local t = {}
for m in string.gmatch("^a^b", "^%a") do t[#t + 1] = m end
print(#t, table.concat(t, ","))
t = {}
for m in string.gmatch("aaa", "^a") do t[#t + 1] = m end
print(#t, table.concat(t, ","))
