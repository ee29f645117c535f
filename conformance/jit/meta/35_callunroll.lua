-- A metamethod that recurses through its own metamethod (a linked list summed by __add
-- of its nodes): the inlining depth limit aborts the recording by name, and the
-- results are the interpreter's.
local N = {}
N.__add = function(node, acc)
  if node.next then return node.next + (acc + node.v) end
  return acc + node.v
end
local head
for i = 1, 6 do head = setmetatable({v = i, next = head}, N) end
local s = 0
for i = 1, 200 do
  s = s + (head + i)
end
print(s)
