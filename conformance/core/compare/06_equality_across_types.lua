-- == between different types is false, never an error, and never coerces.
print(1 == "1", "1" == 1, nil == false, 0 == false, "" == nil)
print({} == {}, print == print, nil == nil, true == true)
local t = {}
print(t == t, t ~= {}, rawequal(t, t), rawequal("a", "a"), rawequal(1, "1"))
