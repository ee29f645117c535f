-- Positions use the chunkname: [string "..."] for loadstring, "=name" and "@file" forms.
print(pcall(loadstring("local x = nil; return x.y")))
print(pcall(loadstring("\n\nerror('third line')")))
print(pcall(loadstring("error('named')", "=custom")))
print(pcall(loadstring("error('at file')", "@some/file.lua")))
print(pcall(loadstring("error('plain')", "plain name")))
