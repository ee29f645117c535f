-- Nested tables and chained indexing.
local t = {a = {b = {c = {d = "deep"}}}}
print(t.a.b.c.d, t["a"]["b"].c["d"])
t.a.b.x = {1, {2, {3}}}
print(t.a.b.x[2][2][1])
