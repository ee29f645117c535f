-- Writing and reading back a larger file by lines.
local f = io.tmpfile()
for i = 1, 5000 do f:write("line ", i, "\n") end
f:seek("set")
local count, last = 0, nil
for l in f:lines() do count = count + 1; last = l end
print(count, last)
print(f:seek("end"))
f:close()
