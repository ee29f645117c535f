-- Level 2 blames the caller of the function that called error.
local function check(x)
  if type(x) ~= "number" then error("number expected", 2) end
  return x
end
local function user()
  return check("oops") + 0
end
print(pcall(user))
local function lvl3() error("three", 3) end
local function mid() lvl3() end
local function top() mid() end
print(pcall(top))
