-- io.popen reads a command's output.
local p = io.popen("echo hello; echo world")
print(io.type(p))
print(p:read("*l"))
print(p:read("*a"))
print(p:close())
for l in io.popen("printf 'a\\nb\\n'"):lines() do print("line", l) end
