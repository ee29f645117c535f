-- os.execute returns the wait status in LuaJIT 2.1's default (5.1) mode.
print(os.execute("true"))
print(os.execute("false"))
print(os.execute("exit 3"))
print(os.execute() ~= 0)
