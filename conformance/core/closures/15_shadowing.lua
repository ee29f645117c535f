-- Shadowed locals: each closure captures the variable in scope where it is created.
local x = "outer"
local f1 = function() return x end
local x = "shadow"
local f2 = function() return x end
do
  local x = "block"
  print(f1(), f2(), x)
end
print(x)
