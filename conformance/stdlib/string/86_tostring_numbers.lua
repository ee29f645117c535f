-- lua5.1 rounds the exact tie 123456789012345 to even (...234e+14) and prints -0 as 0.
-- tostring of numbers uses %.14g.
for _, x in ipairs({0, 1, -1, 0.1, 1/3, 100, 1e14, 1e15, 1e16, 123456789012345, 2^53, 2^63, -2^63, 1e-5, 1e300, 5e-324, math.pi}) do
  print(tostring(x))
end
print(tostring(-0.0))
print(tostring(1/0), tostring(-1/0))
