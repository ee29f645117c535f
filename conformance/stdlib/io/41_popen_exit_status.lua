-- popen: close of a command's pipe (LuaJIT 2.1 returns true regardless of the exit status).
local p = io.popen("exit 3")
print(p:read("*a") == "")
print(p:close())
local q = io.popen("echo -n abc")
print(q:read(2), q:read(5), q:read(1))
q:close()
