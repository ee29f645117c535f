-- More traces than maxtrace allows: the trace cache is flushed (side traces
-- included) and recording goes on.
-- lua5.1 differs: it has no jit library.
-- jv: [TRACE flush]
jit.opt.start("maxtrace=4")
local s = 0
for r = 1, 6 do
  for i = 1, 300 do
    if i % 2 == 0 then s = s + r else s = s - 1 end
    if i % 3 == 0 then s = s + 2 end
    if i % 5 == 0 then s = s * 1 end
  end
  for i = 1, 300 do s = s + (i % 7 == 0 and 1 or 0) end
end
print(s)
