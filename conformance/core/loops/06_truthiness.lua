-- Only nil and false are false; 0 and "" are true.
local function truth(v) if v then return "true" else return "false" end end
print(truth(nil), truth(false), truth(0), truth(""), truth({}), truth(0/0))
local n = 0
while n do n = false end
print(n)
