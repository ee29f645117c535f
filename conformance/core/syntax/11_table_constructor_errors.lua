-- Table constructor errors.
local function try(src) local f, err = loadstring(src) print(err) end
try("t = {[1] 2}")
try("t = {[1 = 2}")
try("t = {,}")
try("t = {a.b = 1}")
try("t = {1 2}")
print(type(loadstring("t = {[1]=1, a=2, 3, [f()]=4; }")))
