-- Unbalanced block ends: missing and extra end; errors mention the opening line.
local function try(src) local f, err = loadstring(src) print(err) end
try("do\nlocal x = 1\n")
try("end")
try("do end end")
try("if x then elseif y then else end end")
try("local function f()\n  if x then\n    return\n  \nend")
try("until x")
try("elseif")
