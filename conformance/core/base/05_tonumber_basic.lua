-- tonumber on decimal, hex, float, exponent and whitespace strings.
print(tonumber("10"), tonumber("  10  "), tonumber("0x1A"), tonumber("1e3"), tonumber(".5"))
print(tonumber("-7"), tonumber("+7"), tonumber("- 7"), tonumber("1e"), tonumber(""))
print(tonumber("abc"), tonumber("12abc"), tonumber(nil), tonumber({}), tonumber(true))
print(tonumber(42), tonumber(-0.0), tonumber("0x"), tonumber("1 2"))
print(tonumber("\t\n\r 5 \t"))
