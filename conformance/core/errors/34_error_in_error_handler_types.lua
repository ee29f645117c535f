-- xpcall handlers see runtime error messages and can return any value.
print(xpcall(function() return nil + 1 end, function(m) return m end))
local ok, v = xpcall(function() error("x") end, function() return {tag = "tbl"} end)
print(ok, type(v), v.tag)
print(xpcall(function() error() end, function(m) return type(m) end))
