-- An error raised inside a hook propagates to the hooked code (caught here by pcall).
local fired = false
local function f() local a = 1 return a end
local function run()
  debug.sethook(function()
    if not fired then fired = true error("from hook") end
  end, "l")
  f()
end
local ok, msg = pcall(run)
debug.sethook()
print(ok, msg)
print(debug.gethook())
print(pcall(debug.sethook, 1, 2))
