-- os.exit(0) exits at once: code after it does not run, pending output is flushed.
print("one")
io.stdout:setvbuf("full")
io.write("buffered\n")
os.exit(0)
print("two")
