-- load's chunkname argument: "=" and "@" forms, and the default "=(load)".
local function src(s) local used = false return function() if used then return nil end used = true return s end end
print(pcall(load(src("error('a')"))))
print(pcall(load(src("error('b')"), "=my chunk")))
print(pcall(load(src("error('c')"), "@my.lua")))
print(pcall(load(src("error('d')"), "raw")))
