-- os.difftime returns a number difference.
print(os.difftime(100, 40))
print(os.difftime(40, 100))
print(os.difftime(5))
print(os.difftime(1.5, 0.5))
local t1 = os.time{year = 2000, month = 1, day = 1, hour = 12}
local t2 = os.time{year = 2000, month = 1, day = 3, hour = 12}
print(os.difftime(t2, t1))
print(pcall(os.difftime))
print(pcall(os.difftime, "x"))
