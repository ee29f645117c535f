-- A table carried from one iteration to the next (a linked list built on trace) lives
-- across the back edge: it is allocated, and the chain is intact.
local head = nil
for i = 1, 300 do
  head = { v = i, next = head }
end
local n, s, node = 0, 0, head
while node do
  n = n + 1
  s = s + node.v
  node = node.next
end
print(n, s, head.v, head.next.v)
-- jv: [TRACE   1 12_loop_carried.lua:4 loop]
