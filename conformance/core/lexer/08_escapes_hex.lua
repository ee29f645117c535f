-- LuaJIT: \xXX takes exactly two hex digits (lua5.1 has no \x escape).
print("\x41\x42\x43")
print("\x7a\x7A" == "zz")
print(#"\x00\xff")
print("\x410" == "A0")
print(loadstring("return '\\x4'"))
print(loadstring("return '\\xg0'"))
