-- Concatenation of strings and numbers.
print("a" .. "b", "a" .. 1, 1 .. "b", 1 .. 2)
print(1.5 .. "", -0.0 .. "", 1e100 .. "", 2^53 .. "")
print("" .. "", #("x" .. ""))
local s = "x"
for i = 1, 5 do s = s .. s end
print(#s)
