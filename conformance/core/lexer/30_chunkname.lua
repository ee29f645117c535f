-- LuaJIT cuts long chunk sources at a slightly different length than lua5.1.
-- loadstring chunknames: the default is the source; long or multi-line sources are cut.
print(pcall(loadstring("error('a')")))
print(pcall(loadstring("error('b')", "name")))
print(pcall(loadstring("error('c')", "@file.lua")))
print(pcall(loadstring("error('d')", "=exact")))
print(pcall(loadstring("\nerror('e')")))
print(pcall(loadstring("local x = 1 error('this is a long chunk of source text that will be shortened')")))
