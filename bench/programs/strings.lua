-- String building: concatenation, interning of fresh strings, length.
local total = 0
for round = 1, 1500 do
    local s = ""
    for i = 1, 200 do
        s = s .. i .. ","
    end
    total = total + #s
    local parts = {}
    for i = 1, 200 do parts[i] = "x" .. (i % 17) end
    local t = parts[1]
    for i = 2, #parts do t = t .. parts[i] end
    total = total + #t
end
print(total)
