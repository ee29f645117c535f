-- loadstring chunks start with the globals of the thread, not of the caller.
local caller = setfenv(function()
  local f = loadstring("return who")
  return f()
end, {loadstring = loadstring, who = "caller env"})
who = "thread globals"
print(caller())
