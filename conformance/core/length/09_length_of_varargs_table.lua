-- {...} with trailing nils.
local function n(...) return #{...} end
print(n(1, 2, 3), n(), n(1, 2, nil))
