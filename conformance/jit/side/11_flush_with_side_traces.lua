-- jit.flush() with side traces attached: every patched loop instruction goes back to
-- the original (a side trace patched none of its own), and traces form again.
-- A crash found while writing this section.
-- lua5.1 differs: it has no jit library.
-- jv: [TRACE   1 11_flush_with_side_traces.lua:11 loop]
-- jv: [TRACE   2 (1/*) 11_flush_with_side_traces.lua:* -> 1]
-- jv: [TRACE flush]
-- jv: [TRACE   1 11_flush_with_side_traces.lua:11 loop]
local function run()
  local a, b = 0, 0
  for i = 1, 500 do if i % 3 == 0 then a = a + 1 else b = b + 1 end end
  return a, b
end
print(run())
jit.flush()
print(run())
print(run())
