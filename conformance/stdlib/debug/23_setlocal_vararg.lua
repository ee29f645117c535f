-- debug.setlocal on a vararg slot.
-- lua5.1 has no negative indices.
local function f(...)
  print(debug.setlocal(1, -1, "new"))
  print(...)
end
f("old", "second")
