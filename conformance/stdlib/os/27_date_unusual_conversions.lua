-- Conversions strftime passes through or handles specially (glibc, in UTC so the zone does not
-- matter): unknown ones stay as written, a lone trailing '%' too, %z/%Z of UTC.
-- lua5.1 keeps '%Ez' as written.
print(os.date("!%Q", 0))
print(os.date("!%", 0))
print(os.date("!%Ez", 0))
print(os.date("!%e|%D|%F|%T|%R|%n|%t|%h|%C|%g|%G|%V|%u", 1234567890))
