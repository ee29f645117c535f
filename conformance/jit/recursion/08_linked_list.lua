-- Recursion over a linked list (length, sum, last element) built in a loop.
-- jv: [TRACE * 08_linked_list.lua:7 up-recursion]
-- jv: [TRACE * 08_linked_list.lua:8 up-recursion]
-- jv: [TRACE * 08_linked_list.lua:9 tail-recursion]
local list = nil
for i = 1, 3000 do list = { v = i, next = list } end
local function len(l) if not l then return 0 end return 1 + len(l.next) end
local function total(l) if l == nil then return 0 end return l.v + total(l.next) end
local function last(l) if l.next == nil then return l.v end return last(l.next) end
print(len(list), total(list), last(list))
local n = 0
for i = 1, 20 do n = n + len(list) end
print(n)
