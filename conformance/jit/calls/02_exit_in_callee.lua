-- An exit inside an inlined call rebuilds the callee's frame: the interpreter
-- continues in the callee, returns to the loop, and the error's traceback and the
-- values it reports are the interpreter's.
-- jv: [TRACE   2 02_exit_in_callee.lua:13 loop]
local function g(v)
  local w = v * 2
  return w + 1
end
local vals = {}
for i = 1, 300 do vals[i] = i end
vals[280] = "7"
local acc = 0
for i = 1, 300 do acc = acc + g(vals[i]) end
print(acc)
local function h(i)
  if i == 290 then
    local ok, e = pcall(error, "at " .. i)
    return ok and 0 or #e
  end
  return 1
end
local t = 0
for i = 1, 300 do t = t + h(i) end
print(t)
