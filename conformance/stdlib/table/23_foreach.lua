-- table.foreachi visits 1..#t in order; table.foreach stops on a non-nil return.
local t = {"a", "b", "c"}
table.foreachi(t, function(i, v) print(i, v) end)
print(table.foreachi(t, function(i, v) if v == "b" then return "stop" .. i end end))
print(table.foreach({x = 1}, function(k, v) return k .. v end))
local n = 0
table.foreach({1, 2, 3, a = 4}, function() n = n + 1 end)
print(n)
