-- An exit inside a metatype __index function that the trace inlined: the
-- continuation frame is rebuilt, and a checkpoint inside the metamethod shows the
-- frames the interpreter has (the metamethod, the loop's function, the main chunk).
local ffi = require("ffi")
local cp = dofile("../fixtures/checkpoint.lua")
ffi.cdef[[ typedef struct { int32_t n; } ckp_t; ]]
local C = ffi.metatype("ckp_t", {
  __index = function(s, k)
    local n = s.n
    if n % 50 == 0 then cp(k .. n) end
    return n + #k
  end,
  __sub = function(a, b)
    local d = a.n - b
    if b % 40 == 0 then cp("sub" .. b) end
    return d
  end,
})
local function loop(c)
  local acc = 0
  for i = 1, 120 do
    c.n = i
    local v = c.key
    acc = acc + v + (c - (i + 7))
  end
  return acc
end
print(loop(C(0)))
-- jv: [TRACE   1 36_metatype_exit_checkpoint.lua:21 loop]
