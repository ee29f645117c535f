-- lua5.1 stops at the embedded zero and converts "1"; LuaJIT rejects the whole string.
-- tonumber on extreme and unusual strings.
print(tonumber("1e308"), tonumber("1e309"), tonumber("-1e309"))
print(tonumber("0x7fffffff"), tonumber("0xffffffffffffffff"))
print(tonumber("inf"), tonumber("nan"), tonumber("Infinity"))
print(tonumber("1e-400"), tonumber("0.0000001"))
print(tonumber("9007199254740993"))
print(tonumber("0x1p4"), tonumber("0x.8"))
print(tonumber("1\0002"))
