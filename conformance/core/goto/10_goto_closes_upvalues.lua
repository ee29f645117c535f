-- LuaJIT extension: lua5.1 has no goto, so its output differs.
-- Jumping backward out of a block closes its upvalues, so each closure keeps its own value.
local saved = {}
local k = 0
::loop::
do
  local v = k
  saved[#saved + 1] = function() v = v + 100 return v end
end
k = k + 1
if k < 3 then goto loop end
print(saved[1](), saved[2](), saved[3](), saved[1]())
