-- __mode "k": entries whose keys are collected disappear after a full collection.
local cache = setmetatable({}, {__mode = "k"})
local keep = {}
cache[keep] = "kept"
cache[{}] = "lost"
collectgarbage()
collectgarbage()
local n = 0
for k, v in pairs(cache) do n = n + 1 end
print(n, cache[keep])
