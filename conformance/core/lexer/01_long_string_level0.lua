-- Long brackets of level 0: contents are raw, no escapes, first newline skipped.
local s = [[hello
world]]
print(s)
print(#s)
local t = [[
first newline is skipped]]
print(t)
print([[a\nb]])
print(#[[a\nb]])
print([[]] == "")
