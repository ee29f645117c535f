-- A numeric for checks its initial values on the line of its 'do'.
print(pcall(function()
  for i = nil,
    2
  do
    print(i)
  end
end))
print(pcall(function()
  for i = 1, 2,
    "x"
  do
  end
end))
print(pcall(function()
  for i = 1, {}
    do end
end))
