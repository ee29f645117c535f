-- arithmetic, coercion, comparison, concatenation, tables, length
print(1 + 2, 7 - 10, 3 * 4, 7 / 2, 7 % 3, -7 % 3, 7 % -3, 2 ^ 10, -(3))
print("10" + 5, "3" * "4", 10 .. 20, 1.5 .. "x", "0x10" + 0)
print(1 < 2, 2 <= 2, "a" < "b", "abc" < "abd", "Z" < "a", 1 == 1.0, "1" == 1)
print(0/0 ~= 0/0, -0 == 0, 1/0, -1/0, 2^53 + 1)
local t = {1, 2, 3, nil, 5}
print(#t, #"hello", #{}, #{n = 1})
local u = {}
for i = 1, 10 do u[i] = i * i end
print(#u, u[10], u[11])
u[5] = nil
print(u[4], u[5], u[6])
local h = {x = 1, y = 2, [1.5] = "f", [true] = "t"}
print(h.x, h.y, h[1.5], h[true], h.z)
local n = 0
for k, v in pairs(h) do n = n + 1 end
print(n)
local s = 0
for i, v in ipairs({10, 20, 30, nil, 50}) do s = s + i * v end
print(s)
local acc = ""
for i = 10, 1, -3 do acc = acc .. i .. " " end print(acc)
for i = 1, 0 do print("never") end
acc = ""
for i = 1.5, 3 do acc = acc .. i .. " " end print(acc)
local w = 0
while w < 5 do w = w + 1 if w == 3 then break end end
print(w)
repeat local r = w; w = w + 1 until r >= 6
print(w)
print(not nil, not 0, nil and 1, false or "x", 1 and 2, nil or false)
local a, b, c = (function() return 1, 2 end)()
print(a, b, c)
t = {[0] = "zero", "one", "two"}
print(t[0], t[1], t[2], #t)
print(tostring(1e15), tostring(1e14), tostring(123456789012), 0.1 + 0.2, 100 / 3)
print(type(nil), type(1), type("s"), type({}), type(print), type(true))
goto skip
print("skipped")
::skip::
print("after goto")
