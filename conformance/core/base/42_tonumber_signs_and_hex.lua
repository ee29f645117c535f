-- Signs and hex prefixes in tonumber.
print(tonumber("-0x10"), tonumber("0x-10"), tonumber("- 1"), tonumber("--1"))
print(tonumber("+0x10"), tonumber("0X10"), tonumber("0x1P+2"))
print(tonumber("-0"), 1 / tonumber("-0"))
