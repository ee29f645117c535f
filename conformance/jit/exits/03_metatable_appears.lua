-- A table gains a metatable while a trace stores into it: the trace's fast path
-- stops applying, and the interpreter runs the metamethod.
local t = {}
local hits = 0
for i = 1, 400 do
  t[i] = i
  if i == 300 then
    setmetatable(t, {__newindex = function(tt, k, v) hits = hits + 1; rawset(tt, k, v) end})
    t[1000] = nil
  end
end
print(#t, hits)
local u = setmetatable({}, {__index = function(_, k) return k * 2 end})
local s = 0
for i = 1, 300 do
  if i > 250 then s = s + u[i] else u[i] = i; s = s + u[i] end
end
print(s)
