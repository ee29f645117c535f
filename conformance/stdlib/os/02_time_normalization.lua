-- os.time normalizes out-of-range fields; os.date("*t") shows the normalized date.
local function show(t)
  local d = os.date("*t", os.time(t))
  print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday)
end
show{year = 2000, month = 1, day = 1, hour = 12}
show{year = 2000, month = 13, day = 1, hour = 12}
show{year = 2000, month = 1, day = 32, hour = 12}
show{year = 2000, month = 3, day = 0, hour = 12}
show{year = 2001, month = 3, day = 0, hour = 12}
show{year = 2000, month = 1, day = 1, hour = 12, min = 90}
show{year = 2000, month = 1, day = 1, hour = 12, sec = -1}
show{year = 2000, month = 2, day = 29, hour = 12}
