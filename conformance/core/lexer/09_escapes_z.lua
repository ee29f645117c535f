-- LuaJIT: \z skips the following whitespace including newlines (not in lua5.1).
local s = "abc\z
           def"
print(s)
print("x\z   y")
print(#"1\z

     2")
