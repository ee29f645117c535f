-- lua5.1 cuts the chunkname in the message at a different length.
-- Deeply nested syntax is a clean error, not a crash.
local function rep(s, n) local r = "" for i = 1, n do r = r .. s end return r end
local f, err = loadstring("return " .. rep("(", 300) .. "1" .. rep(")", 300))
print(f, err)
local g, err2 = loadstring("x = " .. rep("{", 1000) .. rep("}", 1000))
print(g, err2)
local h = loadstring("return " .. rep("(", 100) .. "7" .. rep(")", 100))
print(h())
