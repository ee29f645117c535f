-- loadfile of a missing file returns nil and a message; dofile raises it.
print(loadfile("fixtures/does_not_exist.lua"))
print(pcall(dofile, "fixtures/does_not_exist.lua"))
