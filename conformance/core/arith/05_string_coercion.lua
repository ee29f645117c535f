-- Strings that look like numbers are coerced by arithmetic.
print("10" + 1, "3" * "4", "2" ^ 3, "7" % "4", "1" / "4")
print("0x10" + 0, " 5 " + 0, "1e2" - 0)
print("-3" + 0, "+3" + 0)
print(-"2", -"-2")
print(type("1" + 1))
