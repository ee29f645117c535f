-- Trigonometric functions at exact points.
print(math.sin(0), math.cos(0), math.tan(0))
print(string.format("%.14g %.14g %.14g", math.sin(math.pi / 2), math.cos(math.pi), math.tan(math.pi / 4)))
print(string.format("%.14g %.14g", math.sin(1), math.cos(1)))
print(math.asin(1) == math.pi / 2, math.acos(1), math.atan(0))
print(string.format("%.14g %.14g", math.acos(0), math.atan(1)))
print(math.asin(2) ~= math.asin(2), math.acos(-2) ~= math.acos(-2))
print(math.atan(math.huge) == math.pi / 2)
