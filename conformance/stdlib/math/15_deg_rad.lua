-- LuaJIT implements math.deg/math.rad as built-in bytecode, so a missing argument is an
-- arithmetic error inside '[builtin:deg]'; lua5.1 reports a bad argument.
-- math.deg and math.rad.
print(math.deg(math.pi), math.rad(180) == math.pi)
print(math.deg(1), math.rad(1))
print(math.deg(0), math.rad(-90) == -math.pi / 2)
print(string.format("%.14g", math.deg(math.rad(123.456))))
print(pcall(math.deg))
