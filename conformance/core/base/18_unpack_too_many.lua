-- unpack of a huge range fails cleanly.
print(pcall(unpack, {}, 1, 1e8))
