-- The base library functions of Lua 5.1 as LuaJIT provides them.
local names = {"assert", "collectgarbage", "dofile", "error", "getfenv", "getmetatable",
  "ipairs", "load", "loadfile", "loadstring", "newproxy", "next", "pairs", "pcall", "print",
  "rawequal", "rawget", "rawset", "require", "select", "setfenv", "setmetatable", "tonumber",
  "tostring", "type", "unpack", "xpcall"}
for i = 1, #names do print(names[i], type(_G[names[i]])) end
print(type(package), type(package.loaded), type(package.preload), type(package.path))
