-- The members of the smaller classes, listed.
local all = {}
for i = 0, 127 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
print((s:gsub("%P", "")))
print((s:gsub("%X", "")))
print(string.byte((s:gsub("%S", "")), 1, -1))
print(string.byte((s:gsub("%C", "")), 1, -1))
