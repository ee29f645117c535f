-- Chunks may end inside a line comment, and empty chunks are valid.
print(loadstring("return 1 --")())
print(type(loadstring("")))
print(type(loadstring("--[[ x ]]")))
print(type(loadstring("-- only")))
print(loadstring("")())
