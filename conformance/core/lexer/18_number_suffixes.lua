-- lua5.1 reports these as malformed numbers.
-- LuaJIT lexes LL/ULL/i suffixes as FFI numbers; without loading the FFI here we only
-- check that the suffixes are recognised tokens and not names, using a syntax error after.
local f, err = loadstring("return 1LL 2")
print(err)
local g, err2 = loadstring("return 1ULL 2")
print(err2)
local h, err3 = loadstring("return 0x10i 2")
print(err3)
