-- Closures: creation, upvalue reads and writes, calls through upvalues.
local function counter(start)
    local n = start
    return function(step)
        n = n + step
        return n
    end
end
local acc = 0
for i = 1, 200000 do
    local c = counter(i)
    for j = 1, 20 do acc = acc + c(j) end
end
print(acc)
