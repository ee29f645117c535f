-- ffi.typeof prints C types the way LuaJIT spells them.
local ffi = require "ffi"
for _, s in ipairs {
  "int", "unsigned", "long long", "unsigned long long", "unsigned char", "signed char", "char",
  "long", "short", "unsigned short", "size_t", "int64_t", "uint64_t", "bool", "_Bool", "float",
  "double", "complex", "complex float", "ssize_t", "intptr_t", "ptrdiff_t", "uint16_t", "int8_t",
  "uint8_t", "int32_t", "uint32_t", "const int", "volatile int", "const volatile int",
  "int const *", "int * const", "char * const *", "void", "void *", "const void *",
  "int (*)(int)", "int(int)", "int *(*)(void)", "void (*[2])(int)", "int8_t[3][4]", "int &",
  "double _Complex", "__int64", "unsigned __int32", "signed", "long int", "long unsigned int",
  "short int", "uint32_t const", "int[10]", "int[?]", "int *[3]", "int (*)[3]", "const char *",
} do
  print(s, tostring(ffi.typeof(s)))
end
