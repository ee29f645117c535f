-- luajit prints nothing on stderr for a nil error value, so the trailer has an empty message.
-- An uncaught error whose value is nil.
print("about to fail")
error()
