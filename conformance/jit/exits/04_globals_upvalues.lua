-- Globals through the environment and upvalues, read and written on trace.
-- jv: [TRACE   1 04_globals_upvalues.lua:7 loop]
-- jv: [TRACE   2 04_globals_upvalues.lua:18 loop]
count = 0
local up = 0
local function run(n)
  for i = 1, n do
    count = count + 1
    up = up + i
  end
end
run(500)
print(count, up)
local total = 0
local function make()
  local v = 0
  return function(n)
    for i = 1, n do v = v + 2 end
    return v
  end
end
local f = make()
print(f(300), f(300))
