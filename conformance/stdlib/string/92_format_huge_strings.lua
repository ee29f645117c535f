-- %s with a long string and an explicit precision or width keeps byte counts exact.
local s = string.rep("0123456789", 30)
print(#string.format("%s", s))
print(#string.format("%-20s|", s))
print(string.format("%.12s|", s))
print(#string.format("[%s][%s]", s, s))
