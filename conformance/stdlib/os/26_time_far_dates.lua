-- os.time for dates years apart keeps day arithmetic exact (1996-2010: no zone skipped a day;
-- rounding absorbs zone offset changes of hours).
local a = os.time{year = 1996, month = 1, day = 1, hour = 12}
local b = os.time{year = 2010, month = 1, day = 1, hour = 12}
print(math.floor((b - a) / 86400 + 0.5))
local c = os.time{year = 1970, month = 1, day = 2, hour = 12}
local d = os.time{year = 1970, month = 1, day = 3, hour = 12}
print(d - c)
