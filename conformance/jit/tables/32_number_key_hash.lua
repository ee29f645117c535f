-- Loads and stores with number keys that are not array indices find their node in
-- machine code (the table's hash of a number, inline): fractional keys, integer-valued
-- keys outside the array part, negative ones, 0 and -0 (the same key), absent keys (nil),
-- and a NaN key (never found; storing one is an error, raised by the interpreter).
-- jv: [TRACE * 32_number_key_hash.lua:14 loop]
-- jv: [TRACE * 32_number_key_hash.lua:15 loop]
-- jv: [TRACE * 32_number_key_hash.lua:16 loop]
-- jv: [TRACE * 32_number_key_hash.lua:18 loop]
-- jv: [TRACE * 32_number_key_hash.lua:27 loop]
local sum = 0
for round = 1, 40 do
  local h = {}
  -- Half the keys are integers far above the array part, half are fractions.
  for i = 1, 200 do h[i * 0.5 + round * 1000] = i end
  for i = 1, 200 do sum = sum + h[i * 0.5 + round * 1000] end
  for i = 1, 200, 3 do h[i * 0.5 + round * 1000] = nil end
  local missing = 0
  for i = 1, 210 do
    if h[i * 0.5 + round * 1000] == nil then missing = missing + 1 end
  end
  sum = sum + missing
end
print(sum)

local z = { [0] = "zero" }
local neg, keys = {}, { 0, -0.0, 1e300, -1e300, 2 ^ 53, -2.5, 0.1 + 0.2 }
for i = 1, 300 do
  local k = keys[(i % #keys) + 1]
  neg[k] = (neg[k] or 0) + 1
  z[k * 0] = z[-0.0]
end
local out = {}
for i = 1, #keys do out[#out + 1] = tostring(neg[keys[i]]) end
print(table.concat(out, " "), z[0], z[-0.0])

local nan = 0 / 0
local found = 0
for i = 1, 100 do if neg[nan] == nil then found = found + 1 end end
print(found)
local ok, err = pcall(function()
  for i = 1, 100 do
    local k = i < 90 and i + 0.5 or nan
    neg[k] = i
  end
end)
print(ok, err, neg[89.5], neg[90.5])
