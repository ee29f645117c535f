-- Week numbers and weekday numbers around the new year.
for d = 0, 9 do
  local t = 946684800 + d * 86400
  print(os.date("!%Y-%m-%d %a %w %U %W", t))
end
