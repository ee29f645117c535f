-- rawequal compares without __eq.
print(rawequal(1, 1), rawequal(1, 1.0), rawequal("a", "a"), rawequal(nil, nil))
print(rawequal({}, {}), rawequal(1, "1"), rawequal(nil, false))
print(pcall(rawequal, 1))
