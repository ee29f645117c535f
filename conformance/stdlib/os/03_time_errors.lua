-- os.time requires day, month and year fields.
print(pcall(os.time, {year = 2000, month = 1}))
print(pcall(os.time, {year = 2000, day = 1}))
print(pcall(os.time, {month = 1, day = 1}))
print(pcall(os.time, {year = "x", month = 1, day = 1}))
print(pcall(os.time, 5))
print(type(os.time()), type(os.time(nil)))
print(os.time{year = "2000", month = "1", day = "1", hour = "12"} == os.time{year = 2000, month = 1, day = 1, hour = 12})
