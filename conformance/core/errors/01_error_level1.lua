-- error(msg) adds the position of the function that called error (level 1).
local function f() error("level one") end
print(pcall(f))
local function g()
  error("explicit 1", 1)
end
print(pcall(g))
