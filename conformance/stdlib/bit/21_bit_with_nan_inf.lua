-- NaN and infinities convert through BitOp's normalization (to 0 and 0 on x86-64 builds).
-- lua5.1 has no bit library.
print(bit.tobit(0/0), bit.tobit(math.huge), bit.tobit(-math.huge))
print(bit.band(math.huge, -1))
