-- The program itself does not compile: the syntax error is reported and nothing runs.
print("not printed")
local x = = 1
