-- os.exit(3) ends the program with status 3 and nothing on stderr.
-- (The name contains "uncaught" because the runner only lets such programs exit non-zero.)
print("exiting with 3")
os.exit(3)
print("never printed")
