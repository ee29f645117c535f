-- lua5.1's os.exit only takes numbers.
-- os.exit(true) exits with status 0 and flushes buffered output.
io.write("before exit\n")
io.write("no newline yet")
io.write("\n")
os.exit(true)
print("never printed")
