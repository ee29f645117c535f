-- select(i, ...) returns everything from the i-th argument on.
print(select(1, "a", "b", "c"))
print(select(2, "a", "b", "c"))
print(select(3, "a", "b", "c"))
print(select(4, "a", "b", "c"))
print(select("2", "a", "b"))
print(select(2.9, "a", "b", "c"))
