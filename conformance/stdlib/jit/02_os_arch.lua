-- jit.os and jit.arch are strings from fixed sets.
-- lua5.1 has no jit library.
print(type(jit.os), type(jit.arch))
local oses = {Windows = true, Linux = true, OSX = true, BSD = true, POSIX = true, Other = true}
local arches = {x86 = true, x64 = true, arm = true, arm64 = true, arm64be = true, ppc = true, mips = true, mipsel = true, mips64 = true, mips64el = true}
print(oses[jit.os], arches[jit.arch])
