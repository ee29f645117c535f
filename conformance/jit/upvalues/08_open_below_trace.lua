-- Upvalues open into a frame below the trace's (the main chunk's locals, as queens
-- keeps its boards): read and written through the upvalue's value pointer on trace,
-- and the main chunk sees the writes when it continues.
-- jv: [TRACE * 08_open_below_trace.lua:10 loop]
-- jv: [TRACE * (1/*) 08_open_below_trace.lua:12 -> 1]
local hits, last, board = 0, "none", {}
for i = 1, 20 do board[i] = false end
local function sweep(n)
  local count = 0
  for i = 1, n do
    local j = i % 20 + 1
    if not board[j] then count = count + 1; board[j] = true else board[j] = false end
    hits = hits + 1
    last = j
  end
  return count
end
print(sweep(300), hits, last)
print(sweep(7), hits, last)
local on = 0
for i = 1, 20 do if board[i] then on = on + 1 end end
print(on)
