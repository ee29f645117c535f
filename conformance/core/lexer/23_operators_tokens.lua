-- Multi-character tokens are lexed greedily: .. ... == ~= <= >= and unary minus runs.
local a = 5
print(a - -1, a- -1, - - a, -(-a))
print(1 .. 2, 1 ..2)
print(a==5, a~=5, a<=5, a>=5)
print(2^-1, 2^ - 1)
print(loadstring("return 1...2"))
print(loadstring("return 1 ... 2"))
