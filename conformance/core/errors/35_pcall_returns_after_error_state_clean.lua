-- After a caught error the stack and locals are intact and usable.
local results = {}
for i = 1, 5 do
  local ok = pcall(function()
    local a, b, c = i, i * 2, i * 3
    if i % 2 == 0 then error("even") end
    results[#results + 1] = a + b + c
  end)
  results[#results + 1] = ok and "ok" or "caught"
end
local line = ""
for i = 1, #results do line = line .. tostring(results[i]) .. " " end
print(line)
