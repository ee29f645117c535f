-- Files keep every byte, including zeros and '\r'.
local f = io.tmpfile()
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
f:write(s, s)
f:seek("set")
local back = f:read("*a")
print(#back, back == s .. s)
f:seek("set", 10)
print(f:read(3):byte(1, -1))
f:seek("set")
local line = f:read("*l")
print(#line)
f:close()
