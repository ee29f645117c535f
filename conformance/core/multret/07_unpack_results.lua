-- unpack results behave like any multiple results.
local t = {1, 2, 3}
print(unpack(t))
print(unpack(t), "end")
local a, b = unpack(t)
print(a, b)
print(#{unpack(t)}, #{unpack(t), unpack(t)})
