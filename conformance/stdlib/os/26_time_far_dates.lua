-- os.time for dates far from the epoch keeps day arithmetic exact.
local a = os.time{year = 1980, month = 1, day = 1, hour = 12}
local b = os.time{year = 2030, month = 1, day = 1, hour = 12}
print(math.floor((b - a) / 86400 + 0.5))
local c = os.time{year = 1970, month = 1, day = 2, hour = 12}
local d = os.time{year = 1970, month = 1, day = 3, hour = 12}
print(d - c)
