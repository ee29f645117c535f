-- A __newindex chain: table -> table (the store lands there raw, no call) and
-- table -> table -> function.
-- jv: [TRACE   1 12_newindex_chain.lua:11 loop]
local sink = {}
local fn = setmetatable({}, {__newindex = function(t, k, v) sink[k] = v end})
local mid = setmetatable({}, {__newindex = fn})
local top = setmetatable({}, {__newindex = mid})
local plain = {}
local direct = setmetatable({}, {__newindex = plain})
local s = 0
for i = 1, 120 do
  top[i] = i + 1
  direct[i] = i * 2
  s = s + sink[i] + plain[i]
end
print(s, rawget(top, 1), rawget(mid, 1), rawget(fn, 1), rawget(direct, 1))
