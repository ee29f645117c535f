-- Arithmetic coerces strings, but comparison does not.
print("10" + 0 == 10, "10" == 10)
print(pcall(function() return "10" < 5 end))
print("10" < "5", 10 < 5)
