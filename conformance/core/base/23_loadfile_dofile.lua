-- loadfile and dofile on committed fixture files (paths relative to the program's directory).
local f = loadfile("fixtures/returns_values.lua")
print(type(f))
print(f("arg1", "arg2"))
print(fixture_global)
print(dofile("fixtures/returns_values.lua"))
print(loadfile("fixtures/shebang.lua")())
print(loadfile("fixtures/syntax_error.lua"))
print(pcall(dofile, "fixtures/raises.lua"))
