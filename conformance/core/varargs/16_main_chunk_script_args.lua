-- The main chunk receives the script arguments as ...; the runner passes none.
print(select("#", ...))
local a = ...
print(a)
print(#arg, arg[1])
