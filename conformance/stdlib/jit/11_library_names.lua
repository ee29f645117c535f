-- The jit library's basic names are present (others vary between builds).
-- lua5.1 has no jit library.
for _, k in ipairs({"on", "off", "flush", "status", "version", "version_num", "os", "arch", "opt"}) do
  print(k, jit[k] ~= nil)
end
