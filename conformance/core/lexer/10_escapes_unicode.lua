-- LuaJIT: \u{XXXX} is encoded as UTF-8 (not in lua5.1).
print("\u{41}" == "A")
print(#"\u{7F}", #"\u{80}", #"\u{7FF}", #"\u{800}", #"\u{FFFF}", #"\u{10000}", #"\u{10FFFF}")
print("\u{e9}" == "\xc3\xa9")
print("\u{20AC}" == "\xe2\x82\xac")
print("\u{0000041}" == "A")
print("\u{1F600}" == "\xf0\x9f\x98\x80")
