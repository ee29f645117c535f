-- Zero padding of day, hour, minute and second fields.
for _, t in ipairs({0, 3600 + 60 + 1, 86400 * 9 + 9, 86400 * 40 + 36000}) do
  print(os.date("!%d|%H|%M|%S|%j|%I|%p", t))
end
