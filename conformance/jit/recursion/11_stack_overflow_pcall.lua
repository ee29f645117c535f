-- Unbounded recursion inside a recursive trace: the stack check exits before the
-- stack runs out, the interpreter raises "stack overflow" where it always would, and
-- pcall catches it; afterwards recursion runs (and traces) as before.
-- (lua5.1 differs: its message carries the position; LuaJIT's does not.)
-- jv: [TRACE * 11_stack_overflow_pcall.lua:6 up-recursion]
local function inf(n) return 1 + inf(n + 1) end
local ok, err = pcall(inf, 1)
print(ok, err)
ok, err = pcall(inf, 1)
print(ok, err)
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(5000))
