-- f"str", f[[str]], f{...} and chained calls.
local function id(...) return ... end
local function tbl(t) return #t end
print(id"a", id[[b]], tbl{1, 2, 3})
local function curry(a) return function(b) return function(c) return a .. b .. c end end end
print(curry"x""y""z")
print(curry "1" "2" "3")
print(type(id{}))
