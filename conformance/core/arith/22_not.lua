-- not returns a boolean.
print(not nil, not false, not 0, not "", not not 1)
print(type(not 1))
