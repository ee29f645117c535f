-- string.len, upper, lower and reverse on trace.
-- jv: [TRACE   1 09_string_len_case.lua:5 loop]
local words = { "Alpha", "beta", "GAMMA", "dElTa", "", "x" }
local n, out = 0, ""
for i = 1, 120 do
  local w = words[i % #words + 1]
  n = n + string.len(w) + #w:upper() + #string.lower(w)
  if i > 114 then out = out .. w:upper() .. w:lower() .. w:reverse() .. ";" end
end
print(n, out)
