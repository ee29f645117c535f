-- A weak-valued cache loses entries after collection and can be refilled.
local cache = setmetatable({}, {__mode = "v"})
local function get(k)
  local v = cache[k]
  if not v then v = {key = k} cache[k] = v end
  return v
end
local a = get("a")
get("b")
collectgarbage()
print(cache.a == a, cache.b)
print(get("b").key)
