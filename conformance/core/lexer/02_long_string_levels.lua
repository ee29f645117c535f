-- Long strings of several levels may contain shorter closing brackets.
print([=[a]]b]=])
print([==[x]=]y]]z]==])
print([===[
]==]]=]]]
]===])
print(#[====[]====])
local s = [==========[ten]==========]
print(s)
