-- An unknown option is an error.
print(pcall(collectgarbage, "nonsense"))
print(pcall(collectgarbage, 1))
