-- Forwarding varargs through several calls keeps every value.
local function count(...) return select("#", ...) end
local function fwd1(...) return count(...) end
local function fwd2(...) return fwd1(...) end
print(fwd2(nil, nil, nil, nil))
local function last(...) return select(select("#", ...), ...) end
print(last(1, 2, 3, 4, 5))
