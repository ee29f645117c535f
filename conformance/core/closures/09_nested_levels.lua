-- Upvalues through several levels of nesting.
local function outer()
  local a = 1
  return function()
    local b = 2
    return function()
      local c = 3
      return function()
        a = a + 1
        return a + b + c
      end
    end
  end
end
local f = outer()()()
print(f(), f(), f())
