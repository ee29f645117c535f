-- Nested captures, empty captures and position captures.
print(("abcd"):match("((a)(b))((c)(d))"))
print(("abc"):match("()()()"))
print(("abc"):match("a()b()c()"))
print(("key: value"):match("^(%w+):%s*(.*)$"))
print(("x"):match("(x?)(x?)"))
print(("hello"):find("(h)(e)(l)(l)(o)"))
print(("2+3"):match("(%d)(%p)(%d)"))
