-- lua5.1 puts a multi-line tail call on the line of its function name, LuaJIT on its ")".
-- Error positions in expressions spanning lines: each instruction gets the line
-- LuaJIT's parser stands on when it emits it (the line of the last token read).
local t = nil
local function show(f, ...) print(pcall(f, ...)) end
local function id(...) return ... end
-- an indexed prefix is indexed on the line of its last token
show(function()
  local u = {}
  u.a.b
    .c = 1
end)
show(function()
  return t
    .field
end)
-- the left operand of an operator is placed on the operator's line
show(function()
  return t.x
    .. "tail"
end)
show(function()
  return t.y
    + 1
end)
show(function()
  return t.z ==
    1
end)
-- the last argument of a call is placed on the line of the closing parenthesis
show(function()
  return id(1,
    t.w
  )
end)
show(function()
  return id(
    t.v)
end)
-- a call is on the line of its opening parenthesis, a tail call where it ends
show(function()
  local r = undefined_function(
    1,
    2
  )
  return r
end)
show(function()
  return undefined_function(
    1,
    2
  )
end)
-- arithmetic is on the line where the right operand ends
show(function()
  return 1 +
    {}
end)
