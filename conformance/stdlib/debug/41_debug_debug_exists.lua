-- debug.debug exists; it is not called (it would read stdin).
print(type(debug.debug))
print(type(debug.traceback), type(debug.getinfo))
