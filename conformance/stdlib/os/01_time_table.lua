-- os.time with a table: differences between local times are independent of the time zone
-- (January 2000 has no daylight-saving change in either hemisphere's common rules).
local noon = os.time{year = 2000, month = 1, day = 1, hour = 12}
local midnight = os.time{year = 2000, month = 1, day = 1, hour = 0}
print(type(noon), noon - midnight)
print(os.time{year = 2000, month = 1, day = 2, hour = 12} - noon)
print(os.time{year = 2000, month = 1, day = 1, hour = 12, min = 30, sec = 15} - noon)
print(os.time{year = 2000, month = 1, day = 1} - midnight)
