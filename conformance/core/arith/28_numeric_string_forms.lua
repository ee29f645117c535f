-- Which strings coerce in arithmetic: the same forms tonumber accepts.
local forms = {"1", " 1", "1 ", "0x1F", "1e1", "1E+1", ".5", "5.", "-.5", "0x", "1e", "", " ", "1_0", "inf", "nan"}
for i = 1, #forms do
  local ok, v = pcall(function() return forms[i] + 0 end)
  print("[" .. forms[i] .. "]", ok and v or "error", tonumber(forms[i]))
end
