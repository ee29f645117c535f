-- debug.gethook returns the hook function, its mask and count.
local function h() end
print(debug.gethook())
debug.sethook(h, "crl", 5)
local f, mask, count = debug.gethook()
debug.sethook()
print(f == h, mask, count)
debug.sethook(h, "l")
f, mask, count = debug.gethook()
debug.sethook()
print(f == h, mask, count)
print(debug.gethook())
