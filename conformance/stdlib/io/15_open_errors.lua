-- io.open failures return nil, message, errno. LuaJIT 2.1 (beta3) passes the mode to fopen
-- unchecked: "rw" opens for reading, "z" fails with EINVAL.
print(io.open("no_such_file_for_twin_conformance.txt"))
print(io.open("no_such_dir_twin/file.txt", "w"))
print(select("#", io.open("no_such_file_for_twin_conformance.txt")))
print(pcall(io.open, "no_such_file_twin_x.txt", "rw"))
print(pcall(io.open, "no_such_file_twin_x.txt", "z"))
print(pcall(io.open))
print(pcall(io.open, {}))
print(io.open(".", "w"))
