-- string.sub with positive indices.
local s = "Hello, world"
print(s:sub(1, 5))
print(s:sub(8))
print(s:sub(8, 100))
print(s:sub(5, 4) == "")
print(s:sub(1, 1))
print(s:sub(12, 12))
print(s:sub(13) == "")
print(string.sub(12345, 2, 3))
print(s:sub(1.9, 2.9))
