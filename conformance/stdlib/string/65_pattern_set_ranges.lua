-- Range edge cases: reversed ranges, ranges of specials, single-char sets.
print(("abc"):match("[c-a]"))
print(("b"):match("[a-c]"))
print(("-"):match("[!-/]"))
print(("%"):match("[%%]"))
print(("5"):match("[0-9]"))
-- The pattern ends at its zero byte, so the set is unfinished.
print(pcall(string.match, "\0", "[\0-\1]"))
print(("\0"):match("[%z\1]") == "\0")
print(("\255"):match("[\200-\255]") == "\255")
print(("a"):match("[a]"))
print(("]"):match("[]-a]"))
