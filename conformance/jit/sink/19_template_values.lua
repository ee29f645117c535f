-- Reads of constructor constants (the template's entries) need no table: they are
-- the constants, until a store replaces them.
local s = 0
for i = 1, 300 do
  local cfg = { scale = 3, offset = 10, name = "cfg", on = true }
  if cfg.on then s = s + i * cfg.scale + cfg.offset end
  cfg.scale = 1
  s = s + cfg.scale
  if i == 299 then print(cfg.name, cfg.scale, cfg.offset, cfg.on) end
end
print(s)
-- jv: [TRACE   1 19_template_values.lua:4 loop]
