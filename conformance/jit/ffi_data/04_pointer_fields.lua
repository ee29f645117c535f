-- Pointer fields: loading one gives a pointer cdata (boxed on trace), comparing it
-- with nil tests for NULL, storing nil or another pointer writes the address.
local ffi = require("ffi")
ffi.cdef[[ typedef struct node { int v; struct node *next; } node_t; ]]
local nodes = ffi.new("node_t[10]")
for i = 0, 9 do nodes[i].v = i * i end
for i = 0, 8 do nodes[i].next = nodes + (i + 1) end
nodes[9].next = nil
local total, nulls = 0, 0
for i = 1, 200 do
  local p = nodes[i % 10].next
  if p == nil then nulls = nulls + 1 else total = total + p.v end
end
print(total, nulls, nodes[9].next == nil, nodes[3].next ~= nil)
-- jv: [TRACE   1 04_pointer_fields.lua:10 loop]
