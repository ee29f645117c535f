-- NaN is unequal to everything, itself included, and all orderings are false.
local nan = 0/0
print(nan == nan, nan ~= nan, nan < 1, nan > 1, nan <= nan, nan >= nan)
print(not (nan < 1), not (nan >= 1))
local t = {}
print(pcall(function() t[nan] = 1 end))
print(t[nan])
