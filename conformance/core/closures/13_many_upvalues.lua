-- A closure with many upvalues and updates to them.
local a, b, c, d, e = 1, 2, 3, 4, 5
local function f()
  a, b, c, d, e = e, d, c, b, a
  return a + 2 * b + 3 * c + 4 * d + 5 * e
end
print(f(), a, b, c, d, e)
print(f(), a, b, c, d, e)
