-- More than 200 locals in one function is a compile error.
local function gen(n)
  local src = ""
  for i = 1, n do src = src .. "local a" .. i .. " = " .. i .. "\n" end
  return src .. "return a1"
end
print(loadstring(gen(200))())
local f, err = loadstring(gen(201))
print(f, err)
