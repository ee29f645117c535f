-- Long comments of several levels; code after them on the same line runs.
--[[ a comment
spanning lines ]] print("after level 0")
--[==[ contains ]] and ]=] ]==] print("after level 2")
--[[]] print("empty comment")
---[[ this is a line comment, so the next line runs
print("line comment trick")
--]]
--[=[
print("hidden")
]=]
print("end")
