-- An error raised inside a coroutine's traced loop: resume returns false and the
-- message; the coroutine is dead; the caller's loop carries on.
-- jv: [TRACE   1 05_error_in_coroutine.lua:6 loop]
local function body(limit)
  local s = 0
  for i = 1, 1000 do
    s = s + i
    if s > limit then error("over " .. s, 0) end
  end
  return s
end
local out = {}
for k = 1, 4 do
  local co = coroutine.create(body)
  local ok, v = coroutine.resume(co, k * 5000)
  out[#out + 1] = tostring(ok) .. ":" .. tostring(v) .. ":" .. coroutine.status(co)
end
print(table.concat(out, " "))
