-- io.popen in write mode feeds a command's stdin.
io.stdout:flush()
local p = io.popen("cat", "w")
p:write("through cat\n")
p:close()
print("after cat")
print(pcall(io.popen, "true", "x"))
