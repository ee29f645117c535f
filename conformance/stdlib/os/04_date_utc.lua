-- os.date with '!' formats in UTC.
print(os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365))
print(os.date("!%Y-%m-%d %H:%M:%S", 0))
print(os.date("!%Y-%m-%d %H:%M:%S", 946728000))
print(os.date("!%Y-%m-%d %H:%M:%S", 1234567890))
print(os.date("!%Y-%m-%d %H:%M:%S", 2^31 - 1))
print(os.date("!%Y-%m-%d %H:%M:%S", -86400))
print(os.date("!%H:%M:%S", 3661))
