-- LuaJIT extension: lua5.1 has no goto, so its output differs.
-- A label at the end of a block is visible to gotos even after local declarations.
local function f(n)
  do
    if n > 0 then goto finish end
    local unused = 1
    print("n is not positive")
    ::finish::
  end
  return "done " .. n
end
print(f(1))
print(f(0))
