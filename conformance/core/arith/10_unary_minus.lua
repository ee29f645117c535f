-- lua5.1 constant-folds -(0) to 0; LuaJIT keeps -0.
-- Unary minus on numbers, zero and strings.
local z = 0
print(-z, -(-z), -(0), 1 / -z)
print(-(2^53), -(-1/0))
print(- "1.5")
