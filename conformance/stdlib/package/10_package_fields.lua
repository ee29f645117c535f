-- lua5.1 has no package.searchpath, and its package.config differs (LuaJIT 2.1 has both).
-- The package table's fields, and package.loaded holding the standard libraries.
local names = {}
for k, v in pairs(package) do names[#names + 1] = k .. ":" .. type(v) end
table.sort(names)
print(table.concat(names, " "))
print(package.config == "/\n;\n?\n!\n-\n")
for _, lib in ipairs({ "_G", "string", "table", "math", "os", "io", "debug", "coroutine", "package", "bit", "jit" }) do
  print(lib, package.loaded[lib] == _G[lib])
end
print(debug.getregistry()._LOADED == package.loaded)
print(type(require), type(module))
print(select('#', package.loadlib ~= nil))
