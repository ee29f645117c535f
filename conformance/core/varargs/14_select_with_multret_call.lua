-- select applied to a call result uses all of the call's results.
local function three() return 10, 20, 30 end
print(select("#", three()))
print(select(2, three()))
print(select(-1, three()))
print(select("#", three(), three()))
print(select("#", (three())))
