-- Inside a line hook, level 2 is the hooked function: its locals are visible.
local captured = {}
local function f()
  local secret = "s3cret"
  local other = 5
  return secret
end
debug.sethook(function(ev, line)
  local name, val = debug.getlocal(2, 1)
  if name == "secret" then captured[#captured + 1] = line .. ":" .. tostring(val) end
end, "l")
f()
debug.sethook()
print(table.concat(captured, " "))
