-- debug.getinfo by level: currentline, name and namewhat of callers.
local function show(level)
  local i = debug.getinfo(level, "nSl")
  if not i then print(level, "no such level") return end
  print(level, i.what, i.short_src, i.currentline, i.name, i.namewhat)
end
local function callee()
  for l = 1, 4 do show(l) end
end
local function caller()
  callee()
end
caller()
print(debug.getinfo(100))
