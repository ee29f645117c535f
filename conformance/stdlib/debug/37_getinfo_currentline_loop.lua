-- currentline tracks execution inside a function across calls.
local function line() return debug.getinfo(2, "l").currentline end
local t = {}
for i = 1, 3 do
  t[#t + 1] = line()
end
t[#t + 1] = line()
print(table.concat(t, " "))
