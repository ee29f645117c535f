-- lua5.1 shares one constant for 0 and -0, and prints NaN as -nan here.
-- tostring formats numbers with %.14g semantics, plus LuaJIT's inf/-inf/nan/-0.
print(tostring(0), tostring(-0.0), tostring(1/0), tostring(-1/0), tostring(0/0))
print(tostring(1e15), tostring(1e14), tostring(123456789012345678))
print(tostring(2^53), tostring(2^53 - 1), tostring(-2^53))
print(tostring(0.1), tostring(1e-7), tostring(123.456))
print(tostring(1e300 * 1e300), tostring(5e-324))
print(tostring(100000000000000), tostring(99999999999999.9))
