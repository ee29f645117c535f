-- LuaJIT extension: lua5.1 has no goto, so its output differs.
-- A goto without a visible label is a compile error.
local function try(src) local f, err = loadstring(src) print(err) end
try("goto nowhere")
try("do ::inner:: end goto inner")
try("local function f() goto outer end ::outer::")
try("for i=1,2 do goto x end")
