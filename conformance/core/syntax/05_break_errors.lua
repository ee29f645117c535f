-- lua5.1 adds "near '<token>'" to this message; LuaJIT does not.
-- break outside a loop; in LuaJIT the error names the break at the end of the function.
local function try(src) local f, err = loadstring(src) print(err) end
try("break")
try("if x then break end")
try("function f() break end")
try("while true do local function g() break end end")
print(type(loadstring("while true do break end")))
print(type(loadstring("for i=1,2 do if i then break end end")))
