-- os.date formats into LuaJIT's temporary buffer, which it grows three times; a result
-- that never fits makes os.date return its last argument unchanged.
-- (lua5.1 differs: it pads the fields, as glibc asks.)
print(#os.date("!%511d", 0), os.date("!%512d", 0))
print(os.date("!%600d"))
print(os.date("!%99999d", 0), type(os.date("!%99999d", 0)))
print(os.date("!%2147483637d"))
print(#os.date("!" .. string.rep("%d", 10) .. string.rep("x", 1000), 0))
