-- lua5.1 rejects [[ inside [[...]] ("nesting of [[...]] is deprecated"); LuaJIT allows it.
-- An opening bracket inside a long string is just text; only the matching close ends it.
local s = [==[ [[ ]] [=[ ]=] ]==]
print(s)
print(#s)
local c = [[
--[[ not a comment ]]
print(c)
