-- table.sort with comparators.
local t = {5, 3, 8, 1, 9, 2}
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
local people = {{n = "bob", a = 30}, {n = "al", a = 25}, {n = "cy", a = 35}}
table.sort(people, function(x, y) return x.a < y.a end)
for _, p in ipairs(people) do io.write(p.n, " ") end
print()
local words = {"ccc", "a", "bb", "dddd"}
table.sort(words, function(a, b) return #a < #b end)
print(table.concat(words, " "))
