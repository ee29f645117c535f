-- int64/uint64 arithmetic: wrapping, truncating division, mixed operands.
local ffi = require "ffi"
print(5LL + 3, 5LL - 8, 5LL * -3, 7LL / 2, -7LL / 2, 7LL % 3, -7LL % 3, 7LL % -3)
print(5LL / 0, 5LL % 0, 5ULL / 0, 5ULL % 0, 2LL ^ 10, 2LL ^ -1, 1LL ^ -5, (-1LL) ^ 3)
print(0x7fffffffffffffffLL + 1, -(0x8000000000000000ULL), -5LL, -(-5LL))
print(1LL + 2ULL, 1ULL - 2, 10 - 1ULL, 3 * 4LL, 2^62 * 4LL)
print(5LL + 1.5, 1.9 + 5LL, ffi.new("int", 5) + 1, ffi.new("double", 1.5) + 1, ffi.new("uint8_t", 5) + 1)
print(ffi.new("uint32_t", 4294967295) + 1, ffi.new("uint64_t", 1) - 2)
print(pcall(function() return 5LL + "3" end))
print(pcall(function() return 5LL + {} end))
print(pcall(function() return 1LL .. "x" end))
print(pcall(function() return #5LL end))
print(tostring(1LL + 1):len(), tonumber(2LL^53 + 1), tonumber(-3LL))
