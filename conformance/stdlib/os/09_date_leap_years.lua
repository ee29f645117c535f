-- Leap years through UTC dates: day of year of December 31st.
for _, y in ipairs({1970, 1972, 1999, 2000, 2004, 2024, 2100}) do
  local t = os.time{year = y, month = 12, day = 31, hour = 12}
  local d = os.date("*t", t)
  print(y, d.yday, d.wday)
end
