-- An error unwinding a frame closes its upvalues: closures made before the error keep working.
local saved
local function f()
  local x = 1
  saved = function() x = x + 1 return x end
  error("unwind", 0)
end
print(pcall(f))
print(saved(), saved())
