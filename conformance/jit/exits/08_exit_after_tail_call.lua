-- An exit in a function reached through a tail call, with values in both the loop's
-- frame and the callee: the interpreter resumes in the callee (whose caller is the
-- loop, the tail-calling frame being gone).
-- jv: [TRACE   1 08_exit_after_tail_call.lua:11 loop]
local function last(x, tag)
  if x == 180 then return tag .. x end
  return x
end
local function first(x) return last(x * 1, "t") end
local n, s = 0, ""
for i = 1, 300 do
  local r = first(i)
  if type(r) == "number" then n = n + r else s = r end
end
print(n, s)
