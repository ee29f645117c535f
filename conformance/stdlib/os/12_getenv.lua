-- os.getenv for a variable that exists everywhere and for one that does not.
print(type(os.getenv("PATH")))
print(os.getenv("TWIN_CONFORMANCE_SURELY_UNSET_VARIABLE"))
print(pcall(os.getenv))
print(pcall(os.getenv, {}))
print(os.getenv(""))
