-- Matching over a long subject (no recursion depth problems with simple patterns).
local s = string.rep("a", 100000) .. "b"
print(s:find("b"))
print(#s:match("a*"))
print(s:find("a-b"))
print(select(2, s:gsub("a", "")))
print(#(s:match("^(a+)b$")))
