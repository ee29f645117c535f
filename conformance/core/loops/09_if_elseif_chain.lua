-- if / elseif / else chains.
local function classify(n)
  if n < 0 then return "negative"
  elseif n == 0 then return "zero"
  elseif n < 10 then return "small"
  else return "large" end
end
print(classify(-5), classify(0), classify(3), classify(30))
local x
if false then x = 1 elseif nil then x = 2 end
print(x)
