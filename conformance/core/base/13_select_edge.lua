-- select with '#', positive, negative and too-large indices.
print(select("#"))
print(select("#", nil))
print(select(1))
print(select(5, 1, 2))
print(select(-1, "only"))
print(pcall(select, -2, "only"))
