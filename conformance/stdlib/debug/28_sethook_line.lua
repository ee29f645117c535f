-- Line hooks fire for each new line executed.
local lines = {}
local function f()
  local x = 1
  x = x + 1
  for i = 1, 2 do
    x = x + i
  end
  return x
end
debug.sethook(function(ev, line) lines[#lines + 1] = line end, "l")
f()
debug.sethook()
print(table.concat(lines, " "))
