-- Method calls on missing objects name the variable that is nil.
local obj = {}
print(pcall(function() obj.child:method() end))
print(pcall(function() local o; o:method() end))
print(pcall(function() undefined_obj:method() end))
