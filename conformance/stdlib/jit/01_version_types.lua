-- jit.version and jit.version_num exist (their values are engine-specific and not printed).
-- lua5.1 has no jit library (programs in this directory fail there).
print(type(jit), type(jit.version), type(jit.version_num))
print(jit.version_num >= 20100)
print(jit.version:match("^%a+") ~= nil)
