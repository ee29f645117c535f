-- Modulo with infinite operands gives nan in LuaJIT (lua5.1 prints these as -nan).
local inf = 1 / 0
print(5 % inf, -5 % inf, 5 % -inf, inf % 5)
print(0 % inf)
