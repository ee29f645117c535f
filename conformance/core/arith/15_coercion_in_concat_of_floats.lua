-- lua5.1 shares one constant slot for 0 and -0, so 0/0 and 1/0 there divide by -0 (-nan, -inf).
-- Number to string conversion inside concatenation uses the same format as tostring.
print(0.1 .. "", (1/3) .. "", 1e15 .. "", 1e16 .. "", (2^63) .. "")
print(-0.0 .. "|" .. 0/0 .. "|" .. 1/0)
print(100 .. "" == tostring(100))
