-- lua5.1 reports lastlinedefined 0 for the main chunk.
-- getinfo of the main chunk and of a loadstring chunk.
local i = debug.getinfo(1, "S")
print(i.what, i.source, i.short_src, i.linedefined, i.lastlinedefined)
local f = loadstring("local i = debug.getinfo(1, 'S') return i", "=custom")
i = f()
print(i.what, i.source, i.short_src, i.linedefined)
f = loadstring("local i = debug.getinfo(1, 'S') return i")
i = f()
print(i.what, i.source, i.short_src)
f = loadstring("\n\nlocal i = debug.getinfo(1, 'Sl') return i", "@file.lua")
i = f()
print(i.source, i.short_src, i.currentline)
