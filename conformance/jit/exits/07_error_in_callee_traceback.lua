-- lua5.1 differs: its traceback shows C functions as "[C]: ?".
-- An error raised inside an inlined callee after the loop ran on trace: the exit
-- rebuilds the frames, so the error's position and traceback are the interpreter's.
-- jv: [TRACE   1 07_error_in_callee_traceback.lua:11 loop]
local function check(v)
  if v > 250 then error("too big: " .. v) end
  return v
end
local function run()
  local s = 0
  for i = 1, 300 do s = s + check(i) end
  return s
end
local ok, e = pcall(run)
print(ok, e)
local tb = select(2, xpcall(run, debug.traceback))
print((tb:gsub("0x%x+", "ADDR")))
