-- lua5.1 says 'got no value' for table.remove(); LuaJIT's fast function says 'got nil'.
-- table.remove argument errors.
print(pcall(table.remove))
print(pcall(table.remove, nil))
print(pcall(table.remove, "abc"))
print(pcall(table.remove, {1}, "x"))
print(pcall(table.remove, {1}, {}))
print(table.remove({1, 2}, "1"))
