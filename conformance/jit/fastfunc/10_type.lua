-- type() of values whose type changes from one iteration to the next: each new type
-- is a guard exit on the root trace; hot exits grow side traces.
-- jv: [TRACE   1 10_type.lua:7 loop]
-- jv: [TRACE   2 (1/
local vals = { 1, "s", {}, true, print, 2.5 }
local counts = {}
for i = 1, 600 do
  local t = type(vals[(i % 3 == 0) and (i % 6 + 1) or 1])
  counts[t] = (counts[t] or 0) + 1
end
print(counts.number, counts.string, counts.table, counts.boolean, counts["function"])
