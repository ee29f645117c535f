-- A metatype metamethod that raises an error on an iteration the trace did not
-- see while recording: the error leaves the loop and is caught by pcall outside it.
local ffi = require("ffi")
ffi.cdef[[ typedef struct { int32_t n; } err_t; ]]
local E = ffi.metatype("err_t", {
  __index = function(s, k)
    if s.n == 150 then error("bad key " .. k .. " at " .. s.n) end
    return s.n
  end,
  __add = function(a, b)
    if b == 170 then error({ code = b }) end
    return a.n + b
  end,
})
local e = E(0)
local function run(limit)
  local acc = 0
  for i = 1, limit do
    e.n = i
    acc = acc + e.anything + (e + i)
  end
  return acc
end
print(pcall(run, 140))
print(pcall(run, 160))
e.n = 0
local ok, err = pcall(function()
  local acc = 0
  for i = 1, 200 do acc = acc + (e + i) end
  return acc
end)
print(ok, type(err) == "table" and err.code)
-- jv: [TRACE   1 35_metatype_error.lua:18 loop]
-- jv: [TRACE   * 35_metatype_error.lua:29 loop]
