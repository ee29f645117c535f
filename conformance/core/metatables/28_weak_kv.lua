-- __mode "kv": an entry goes when either its key or its value is collected.
local t = setmetatable({}, {__mode = "kv"})
local k, v = {}, {}
t[k] = {}      -- value unreachable: goes
t[{}] = v      -- key unreachable: goes
t.stay = v     -- both reachable (strings are never collected from weak tables)
t[v] = k       -- both reachable
collectgarbage()
local n = 0
for _ in pairs(t) do n = n + 1 end
print(n, t.stay == v, t[v] == k, t[k])
