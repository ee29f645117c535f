-- The explist of a generic for is adjusted to three values: iterator, state, control.
local function gen()
  return function(s, c) if c < s then return c + 1 end end, 3, 0, "ignored"
end
for v in gen() do print(v) end
