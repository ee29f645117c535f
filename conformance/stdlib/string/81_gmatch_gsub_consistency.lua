-- gmatch and gsub visit the same matches.
local subjects = {"abc def", "", "a,b,,c", "xxyyxx"}
local patterns = {"%a+", "x*", "[^,]*", "()", "(%a)(%a?)"}
for _, s in ipairs(subjects) do
  for _, p in ipairs(patterns) do
    local a = {}
    for m in s:gmatch(p) do a[#a + 1] = tostring(m) end
    local b = {}
    s:gsub(p, function(m) b[#b + 1] = tostring(m) end)
    print(string.format("%q %q %d %s", s, p, #a, tostring(table.concat(a, "|") == table.concat(b, "|"))))
  end
end
