-- # of constructors with nils inside (LuaJIT's and lua5.1's answers agree here).
print(#{1, 2, 3, nil, 5, nil})
print(#{nil, 2})
print(#{1, nil})
