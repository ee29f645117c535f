-- Global reads go through the environment table on trace.
-- jv: [TRACE   1 01_read.lua:6 loop]
K = 3
NAME = "g"
local s, n = 0, ""
for i = 1, 300 do s = s + K * i; n = NAME end
print(s, n)
