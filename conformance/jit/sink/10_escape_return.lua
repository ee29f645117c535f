-- A hot function that returns a fresh table to its caller: the table leaves the trace,
-- made at the trace's end, with its fields.
local function mk(i) return { i, i + 1, name = "p" .. i } end
local out = {}
for i = 1, 200 do
  out[i] = mk(i)
end
local s = 0
for i = 1, 200 do s = s + out[i][1] + out[i][2] end
print(s, out[77][1], out[77].name, #out[200], rawequal(out[1], out[2]))
