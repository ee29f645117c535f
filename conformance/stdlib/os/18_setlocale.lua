-- os.setlocale queries and sets the C locale.
print(os.setlocale())
print(os.setlocale("C"))
print(os.setlocale(nil, "numeric"))
print(os.setlocale("C", "all"))
print(os.setlocale("no_such_locale_twin"))
print(pcall(os.setlocale, "C", "bogus"))
print(os.setlocale("POSIX"))
