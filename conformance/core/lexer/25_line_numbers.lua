-- Line numbers count every kind of line break, including those inside long strings.
local f = loadstring("local s = [[\n\n\n]]\nerror('here')")
print(pcall(f))
local g = loadstring("--[[\n\n]] error('there')")
print(pcall(g))
local h = loadstring("local s = 'a\\\nb'\nerror('esc')")
print(pcall(h))
