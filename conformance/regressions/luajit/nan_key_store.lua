-- twin regression: a compiled table store accepts a NaN key.
-- engines: luajit-joff (oracle) vs luajit-stress (luajit -Ohotloop=1 -Ohotexit=1)
-- verdict: divergent
-- signature: divergent|error|-|prog:N: table index is NaN~-
-- Each iteration inserts a new key; the key becomes NaN once the loop is a
-- trace. The interpreter raises "table index is NaN"; the trace inserts the
-- NaN key into the table and the loop runs on.
local t = {}
local k = 0.5
for i = 1, 30 do
  t[k] = i
  k = i + 1.5 + (20 - i) / (i - 20)
end
local nan_keys = 0
for key in pairs(t) do
  if key ~= key then nan_keys = nan_keys + 1 end
end
print("NaN keys:", nan_keys)
