-- lua5.1 has no goto or labels (goto is an ordinary name there).
-- goto and labels: syntax-level errors.
local function try(src) local f, err = loadstring(src) print(err) end
try("goto")
try("goto 1")
try("::a")
try("::1::")
try(":: a ::") -- whitespace inside is allowed
print(type(loadstring(":: a ::")))
