-- A math function whose argument becomes a string (the interpreter coerces it): the
-- argument's type guard exits; the side trace that records it stitches at the call.
-- jv: [TRACE   1 17_arg_type_change.lua:7 loop]
-- jv: [TRACE   3 17_arg_type_change.lua:9 loop]
-- jv: [TRACE * (3/*) 17_arg_type_change.lua:10 stitch math.floor]
local vals = {}
for i = 1, 400 do vals[i] = (i > 200) and tostring(i + 0.5) or i + 0.5 end
local s = 0
for i = 1, 400 do
  s = s + math.floor(vals[i])
end
print(s)
