-- LuaJIT extension: lua5.1 has no goto, so its output differs.
-- A small state machine with gotos.
local input = {1, 2, 2, 1, 3}
local pos = 0
local out = ""
::read::
pos = pos + 1
local c = input[pos]
if c == nil then goto finish end
if c == 1 then goto one end
if c == 2 then goto two end
out = out .. "?"
goto read
::one:: out = out .. "a" goto read
::two:: out = out .. "b" goto read
::finish::
print(out)
