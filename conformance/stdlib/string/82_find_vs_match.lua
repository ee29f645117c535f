-- find without captures returns positions; with captures, positions and captures.
print(("hello"):find("l+"))
print(("hello"):match("l+"))
print(("hello"):find("(l+)"))
print(("hello"):find("()l+()"))
print(select("#", ("hello"):find("x")))
print(select("#", ("hello"):match("x")))
print(select("#", ("hello"):find("(h)(e)")))
