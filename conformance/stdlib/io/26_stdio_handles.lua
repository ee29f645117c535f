-- The standard handles exist and are files; stderr is writable (nothing written here).
print(io.type(io.stdin), io.type(io.stdout), io.type(io.stderr))
print(io.stdout:write("direct\n"))
print(io.stdin:read("*a") == "")
print(io.stdin:read("*l"))
print(io.read())
