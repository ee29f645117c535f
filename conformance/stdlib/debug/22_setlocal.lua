-- debug.setlocal changes a caller's local and returns its name.
local function change()
  print(debug.setlocal(2, 1, "changed"))
  print(debug.setlocal(2, 2, 99))
  print(debug.setlocal(2, 10, 0))
end
local function f()
  local a, b = "orig", 1
  change()
  print(a, b)
end
f()
print(pcall(debug.setlocal, 100, 1, 0))
