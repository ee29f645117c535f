-- table.move (LuaJIT 2.1 extension) copies ranges, also overlapping ones.
-- lua5.1 has no table.move.
local t = {1, 2, 3, 4, 5}
table.move(t, 2, 4, 1)
print(table.concat(t, ","))
t = {1, 2, 3, 4, 5}
table.move(t, 1, 3, 3)
print(table.concat(t, ","))
local dst = {}
print(table.move({"a", "b"}, 1, 2, 1, dst) == dst, table.concat(dst, ","))
print(#table.move({1, 2}, 2, 1, 1))
print(pcall(table.move, {}, 1))
