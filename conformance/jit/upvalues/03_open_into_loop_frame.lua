-- Upvalues open into the loop's own frame (locals captured by a closure called in the
-- loop): the trace reads and writes the slot itself, guarded to stay that upvalue.
-- jv: [TRACE   1 03_open_into_loop_frame.lua:7 loop]
local total = 0
local step = 2
local function bump(i) total = total + i * step end
for i = 1, 400 do bump(i) end
print(total)
