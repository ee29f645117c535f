-- lua5.1 returns -0 for math.max(-0.0, 0) (first of equal values); LuaJIT returns 0.
-- min/max return the original value, and work on strings only via coercion.
print(type(math.max(1, 2)), math.max(-0.0, 0))
print(math.min(2, "1"), type(math.min(2, "1")))
print(math.max(1e308, 1e308 * 10))
