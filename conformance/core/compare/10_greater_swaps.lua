-- a > b is evaluated as b < a; error messages show the swapped operand order.
print(pcall(function() return 1 > "x" end))
print(pcall(function() return 1 >= "x" end))
print(pcall(function() return "x" > 1 end))
