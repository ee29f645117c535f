-- pcall is not recorded: the trace aborts with a named reason, results unchanged.
-- jv: [TRACE --- 15_pcall_aborts.lua:5 -- NYI: FastFunc pcall*]
local function f(x) return x + 1 end
local s = 0
for i = 1, 200 do
  local ok, v = pcall(f, i)
  s = s + v
end
print(s)
