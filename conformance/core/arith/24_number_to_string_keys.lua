-- Results of arithmetic used as table keys.
local t = {}
t[1] = "a"
t[3 - 2] = "b"
t[0.5 + 0.5] = "c"
t["1"] = "string"
local n = 0
for k, v in pairs(t) do n = n + 1 end
print(t[1], t["1"], n)
