-- Closing a standard file handle is refused in LuaJIT 2.1 (returns nil and a message).
-- lua5.1 returns nil, "cannot close standard file".
print(io.stdout:close())
print(io.type(io.stdout))
print("still writable")
