-- A command run by os.execute writes to the same stdout (flushed first).
io.stdout:flush()
print(os.execute("echo from-shell"))
io.stdout:flush()
print(os.execute("echo hidden >/dev/null"))
