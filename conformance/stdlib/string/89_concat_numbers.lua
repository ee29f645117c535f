-- Number to string conversion in concatenation and string functions.
print(1 .. "")
print(1.5 .. "|" .. -0.0 .. "|" .. 1e100)
print(("x"):rep(2) .. 3)
print(string.len(1/3))
print(#tostring(2^53))
print(10 .. 20)
