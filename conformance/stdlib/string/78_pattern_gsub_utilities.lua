-- Common idioms: trim, split, title case, count.
local function trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end
print("[" .. trim("  a b  ") .. "]")
local parts = {}
for f in ("a,b,,c"):gmatch("([^,]*),?") do parts[#parts + 1] = "<" .. f .. ">" end
print(table.concat(parts))
print((("hello big world"):gsub("(%a)(%a*)", function(a, b) return a:upper() .. b end)))
print(select(2, ("the cat and the hat"):gsub("the", "")))
print((("CamelCaseString"):gsub("(%u)", " %1")))
print((("a  b   c"):gsub("%s+", " ")))
