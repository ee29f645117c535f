-- _G is the globals table and contains itself; _VERSION names Lua 5.1.
print(_G._G == _G, _G.print == print)
print(_VERSION)
new_global = 5
print(_G.new_global, rawget(_G, "new_global"))
_G.other = 6
print(other)
