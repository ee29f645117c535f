-- lua5.1 cuts the chunkname in the message at a different length.
-- local function f can refer to itself; local f = function cannot.
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(10))
local g = function(n) return n end
local g = function(n) if n == 0 then return "base" end return g(n - 1) end
print(g(3))
print(pcall(loadstring("local h = function(n) return h(n) end return h(1)")))
