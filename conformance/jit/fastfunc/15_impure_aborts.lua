-- A native that is not pure (string.format may call __tostring) is not recorded: the
-- trace aborts with a named reason and the loop runs in the interpreter.
-- jv: [TRACE --- 15_impure_aborts.lua:5 -- NYI: FastFunc format at 15_impure_aborts.lua:6]
local parts = {}
for i = 1, 100 do
  parts[#parts + 1] = string.format("%d", i)
end
print(#parts, parts[100])
