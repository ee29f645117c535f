-- Returning from inside a loop closes the loop's upvalues.
local function make()
  for i = 1, 5 do
    local sq = i * i
    if sq > 8 then
      return function() return sq end
    end
  end
end
print(make()())
