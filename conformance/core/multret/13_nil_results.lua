-- Results that are nil still count.
local function nils() return nil, nil, nil end
print(select("#", nils()))
print(nils())
local t = {nils()}
print(t[1], t[2], t[3])
local a, b, c, d = nils()
print(a, b, c, d)
