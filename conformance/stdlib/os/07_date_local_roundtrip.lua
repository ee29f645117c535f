-- os.date("*t") of os.time(t) gives t back (fields present in t).
local t = {year = 2010, month = 6, day = 15, hour = 10, min = 20, sec = 30}
local d = os.date("*t", os.time(t))
print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday, type(d.isdst))
print(os.date("%Y-%m-%d %H:%M:%S", os.time(t)))
print(os.time(os.date("*t", os.time(t))) == os.time(t))
