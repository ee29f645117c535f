-- print separates arguments with tabs, ends with a newline and uses tostring.
print(1, "two", nil, true, false)
print()
print("")
print(nil)
print(1, nil)
print("a\tb")
