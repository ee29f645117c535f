-- Global writes, new and existing, on trace.
-- jv: [TRACE   1 02_write.lua:4 loop]
count = 0
for i = 1, 300 do count = count + 1; last = i end
print(count, last)
