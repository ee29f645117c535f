-- lua5.1 has no package.searchpath (LuaJIT 2.1 adds it).
-- package.searchpath(name, path [, sep [, rep]]): the first readable file, else nil and
-- the files tried. This program's own directory holds 06_searchpath.lua.
print(package.searchpath("06_searchpath", "./?.lua"))
print(package.searchpath("06_searchpath", "./?.txt;./?.lua"))
print(package.searchpath("a.b.c", "x/?.lua;;y/?;"))
print(package.searchpath("a.b.c", "?", "", ""))
print(package.searchpath("a.b.c", "?", ".", "::"))
print(package.searchpath("a_b_c", "?", "_", "-"))
print(package.searchpath("a.b", "?;?.z", "."))
print(package.searchpath("name", ""))
print(package.searchpath("name", ";;;"))
print(package.searchpath("??", "p?q?"))
print(package.searchpath(12, "?.lua"))
print(pcall(package.searchpath))
print(pcall(package.searchpath, "x"))
print(pcall(package.searchpath, nil, "x"))
print(pcall(package.searchpath, "x", "?", {}))
