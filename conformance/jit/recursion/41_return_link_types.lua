-- Exits right after a link at a return: once traces link into the down-recursive
-- trace at a return (and earlier traces' exits there are pointed at it), the base
-- case starts returning strings, so the trace linked to fails its entry guards on the
-- returned value's type and exits at its start; then numbers again, and a checkpoint
-- deep in the recursion, reached through linked returns.
-- jv: [TRACE * 41_return_link_types.lua:18 down-recursion]
-- jv: [TRACE * 41_return_link_types.lua:14 -> *]
local cp = dofile("../fixtures/checkpoint.lua")
local mode = 0
local function f(k)
  if k < 2 then
    if mode == 1 then return "s" .. k end
    if mode == 2 and k == 0 then cp("deep") mode = 0 end
    return k
  end
  local a, b = f(k - 1), f(k - 2)
  if type(a) == "string" or type(b) == "string" then return tostring(a) .. "," .. tostring(b) end
  return a + b
end
local s = 0
for i = 1, 40 do s = s + f(i % 10 + 5) end
print(s)
mode = 1
print(f(6))
print(#f(12))
mode = 0
print(f(14))
mode = 2
print(f(7))
print(f(16), f(1), f(0))
