-- Integers up to 2^53 are exact doubles.
local big = 2^53
print(big, big + 1 == big, big - 1 == big)
print(9007199254740991, 9007199254740992)
print(2^31, 2^32, -2^31, 2^31 - 1)
print(4294967296 * 4294967296)
print(1e15 + 0.5, 123456789 * 1000)
