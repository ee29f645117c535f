-- Zero-trip loops never run the body and never evaluate it.
local ran = false
for i = 1, 0 do ran = true end
for i = 0, 1, -1 do ran = true end
for i = 1, -1 / 0 do ran = true end
for i = 1.5, 1.25 do ran = true end
print(ran)
