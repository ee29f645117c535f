-- string.reverse on bytes.
print(string.reverse("hello"))
print(string.reverse("") == "")
print(string.reverse("a"))
print(string.reverse("a\0b") == "b\0a")
print(string.reverse(123))
print(("racecar"):reverse())
print(pcall(string.reverse))
