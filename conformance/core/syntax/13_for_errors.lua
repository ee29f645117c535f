-- for loop header errors.
local function try(src) local f, err = loadstring(src) print(err) end
try("for do end")
try("for i = 1, 2, 3, 4 do end")
try("for a, b = 1, 2 do end")
try("for a.b = 1, 2 do end")
try("for k, v pairs(t) do end")
try("for i = 1, 2 end")
