-- LuaJIT skips a first line starting with # in every chunk (lua5.1 only in files).
print(loadstring("#!/bin/lua\nreturn 1")())
local f = load(function() return nil end)
print(type(f))
