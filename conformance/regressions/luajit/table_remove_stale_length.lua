-- twin regression: a compiled loop reads a stale #list after table.remove.
-- engines: luajit-joff (oracle) vs luajit-stress (luajit -Ohotloop=1 -Ohotexit=1)
-- verdict: divergent
-- signature: divergent|checkpoints|prog:0@25|-
-- Each iteration appends one element and removes the second, so the list
-- stays at five elements. The removal position goes through string.byte on
-- an empty string (no results, so `or 0`) and a clamping helper with a
-- math.floor. Once the loop and its side traces are compiled, `#list` read
-- right after the removal is 6 on some iterations, although the list's
-- contents stay the same as the interpreter's (compare `list` and `lengths`
-- in the checkpoint).
local function clamp(x)
  if x ~= x or x >= 2 ^ 40 or x <= -2 ^ 40 then return 0 end
  return math.floor(x)
end
local list, empty, lengths = {}, "", {}
for i = 1, 60 do
  list[#list + 1] = i
  if #list > 5 then
    table.remove(list, (clamp(string.byte(empty, clamp(i) % 8 - 4) or 0) + 1) % #list + 1)
  end
  lengths[#lengths + 1] = #list
  if i == 60 then
    local length = #list
    twin_checkpoint(1)
  end
end
print(table.concat(lengths, " "))
