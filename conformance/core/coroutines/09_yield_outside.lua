-- lua5.1 says "attempt to yield across metamethod/C-call boundary".
-- Yielding from the main thread is an error.
print(pcall(coroutine.yield, 1))
