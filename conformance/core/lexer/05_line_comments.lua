-- Line comments end at the newline; "--[" without a second bracket is a line comment.
print(1) -- comment
--[ not long
print(2) --[= not long either
--[=x not long
print(3)
-- comment at end of file without newline is fine
print(loadstring("return 4 -- trailing")())
