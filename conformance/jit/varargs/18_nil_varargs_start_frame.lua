-- nil among the start frame's varargs: their type guards are nil, and a call with
-- non-nil values there exits and takes the other path.
-- jv: [TRACE   1 18_nil_varargs_start_frame.lua:7 loop]
-- jv: [TRACE   2 (1/*) 18_nil_varargs_start_frame.lua:8 -> 1]
local function f(...)
  local s = 0
  for i = 1, 150 do
    local a, b = ...
    if a == nil then s = s + 1 else s = s + a end
    if b == nil then s = s + 10 else s = s + b end
  end
  return s
end
print(f(nil, nil), f(5, nil), f(nil, 7), f(2, 3))
