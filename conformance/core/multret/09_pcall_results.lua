-- pcall forwards all results of the protected call.
local function f(...) return ... end
print(pcall(f, 1, 2, 3))
print(select("#", pcall(f)))
print(select("#", pcall(f, nil, nil)))
print(pcall(pcall, f, "x"))
