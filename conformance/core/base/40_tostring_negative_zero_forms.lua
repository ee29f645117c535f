-- lua5.1 shares one constant for 0 and -0, so its folded 0 * -1 and -0.0 * 1 print as 0.
-- Different ways of producing -0 all print as -0.
local z = 0
print(-z, 0 * -1, -0.0 * 1, z / -1, -(z))
print(0 * 1, z + 0, -z + 0)
