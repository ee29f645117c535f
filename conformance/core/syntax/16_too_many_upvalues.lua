-- More than 60 upvalues in one function is a compile error.
local function gen(n)
  local decl, use = "", ""
  for i = 1, n do
    decl = decl .. "local u" .. i .. " = " .. i .. "\n"
    use = use .. "+ u" .. i
  end
  return decl .. "return function() return 0 " .. use .. " end"
end
print(loadstring(gen(60))()())
local f, err = loadstring(gen(61))
print(f, err)
