-- "count" returns the heap size in KB as a number (its value varies, so only sanity is checked).
local kb = collectgarbage("count")
print(type(kb), kb > 0, kb < 1024 * 1024)
local keep = {}
for i = 1, 10000 do keep[i] = {i} end
local more = collectgarbage("count")
print(more > kb)
keep = nil
collectgarbage()
print(collectgarbage("count") < more)
