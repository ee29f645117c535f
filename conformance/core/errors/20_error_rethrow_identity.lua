-- Rethrowing an error value keeps it identical.
local e = {msg = "original"}
local ok, got = pcall(function()
  local ok2, inner = pcall(error, e)
  error(inner)
end)
print(ok, got == e, got.msg)
