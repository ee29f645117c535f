-- One call of every string function, as a quick first check.
print(("x"):byte(), string.char(65), type(string.dump(function() end)), ("abc"):find("b"))
print(string.format("%d", 1), ("a b"):gmatch("%a")(), ("abc"):gsub("b", "B"), ("abc"):len())
print(("ABC"):lower(), ("a"):match("a"), ("ab"):rep(2), ("ab"):reverse(), ("abc"):sub(2), ("abc"):upper())
