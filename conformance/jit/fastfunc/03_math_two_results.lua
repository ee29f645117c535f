-- math.modf and math.frexp return two results: both come back from the trace.
-- jv: [TRACE   1 03_math_two_results.lua:4 loop]
local si, sf, sm, se = 0, 0, 0, 0
for i = -150, 150 do
  local ip, fp = math.modf(i / 4)
  local m, e = math.frexp(i * 3.5)
  si, sf, sm, se = si + ip, sf + fp, sm + m, se + e
end
print(si, sf, sm, se)
local ip, fp = math.modf(-0.5)
print(ip, fp, 1 / fp)
