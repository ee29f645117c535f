-- lua5.1 has table.setn and says 'got no value' for table.getn().
-- LuaJIT 2.1 keeps table.getn (it is the # operator); there is no table.setn.
print(type(table.getn), type(table.setn))
print(table.getn({1, 2, 3}))
print(table.getn({}))
print(pcall(table.getn))
print(pcall(table.getn, "abc"))
