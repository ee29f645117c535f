-- Constructors with trailing nils: the array part is sized by the constructor.
-- The last one is LuaJIT's answer for its template-built table (lua5.1 says 3): LuaJIT's
-- array part for {1, nil, 3} ends in a nil slot, so # binary-searches the array part.
print(#{1, 2, nil})
print(#{nil})
print(#{nil, nil})
print(#{1, nil, 3})
