-- Reading the (empty) standard input: every format reports end of file.
print(io.read("*n"))
print(io.read(0))
print(io.read("*a") == "")
print(io.read("*l"))
print(io.read(5))
local n = 0
for l in io.lines() do n = n + 1 end
print(n)
print(io.stdin:read("*a") == "")
