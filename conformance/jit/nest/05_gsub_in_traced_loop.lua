-- A hot loop that calls string.gsub (not recorded: the loop's recording aborts) whose
-- callback has a traced loop with a checkpoint on a cold path: the checkpoint shows the
-- callback's frame above the native and the outer loop's frame.
-- jv: [TRACE   1 05_gsub_in_traced_loop.lua:9 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local count = 0
local function cb(w)
  local h = 0
  for i = 1, 20 do h = (h * 31 + i + #w) % 1000 end
  count = count + 1
  if count == 77 then cp("callback " .. w) end
  return w:upper()
end
local line
for i = 1, 40 do
  line = ("alpha beta gamma " .. i):gsub("%a+", cb)
end
print(line, count)
