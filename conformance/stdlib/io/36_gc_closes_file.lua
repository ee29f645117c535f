-- An unreachable file is closed by the collector; a name written through it is readable after.
local name = os.tmpname()
do
  local f = assert(io.open(name, "w"))
  f:write("written before collection")
  f:flush()
end
collectgarbage()
collectgarbage()
local g = assert(io.open(name))
print(g:read("*a"))
g:close()
os.remove(name)
