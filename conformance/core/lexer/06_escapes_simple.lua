-- The single-character escapes.
print("a\tb" == "a" .. "\9" .. "b")
print("\a" == "\7", "\b" == "\8", "\f" == "\12", "\n" == "\10")
print("\r" == "\13", "\t" == "\9", "\v" == "\11")
print("\\" == "\92", "\"" == "\34", "\'" == "\39")
print(#"\a\b\f\n\r\t\v\\\"\'")
print("q\"uote", 'it\'s')
