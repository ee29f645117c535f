-- Objects from closures: a table of functions over private state.
local function account(balance)
  local self = {}
  function self.deposit(v) balance = balance + v end
  function self.withdraw(v)
    if v > balance then return false end
    balance = balance - v
    return true
  end
  function self.balance() return balance end
  return self
end
local a = account(100)
a.deposit(50)
print(a.withdraw(30), a.withdraw(500), a.balance())
local b = account(1)
print(b.balance(), a.balance())
