-- Loads through a chain of __index tables (class inheritance) stay on trace.
-- jv: [TRACE   1 12_inheritance_chain.lua:9 loop]
local Base = { kind = "base", scale = 2 }
Base.__index = Base
local Mid = setmetatable({ kind = "mid" }, Base)
Mid.__index = Mid
local obj = setmetatable({ v = 3 }, Mid)
local s, k = 0, nil
for i = 1, 300 do
  s = s + obj.v * obj.scale
  k = obj.kind
  if i == 200 then Base.scale = 5 end
end
print(s, k, obj.missing)
