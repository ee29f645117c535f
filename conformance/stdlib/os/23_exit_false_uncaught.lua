-- lua5.1's os.exit only takes numbers.
-- os.exit(false) ends the program with EXIT_FAILURE (1).
-- (The name contains "uncaught" because the runner only lets such programs exit non-zero.)
print("exiting with false")
os.exit(false)
