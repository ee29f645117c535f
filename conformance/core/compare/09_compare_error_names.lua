-- Ordering errors name both types in operand order.
print(pcall(function() return 1 < {} end))
print(pcall(function() return {} < 1 end))
print(pcall(function() return "x" <= true end))
print(pcall(function() return 1 > nil end))
print(pcall(function() return nil > 1 end))
print(pcall(function() return coroutine.create(function() end) < 1 end))
