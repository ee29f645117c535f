-- An uncaught error ends the program: stdout so far is kept, status 1, message on stderr.
print("before the error")
error("fatal problem")
print("never")
