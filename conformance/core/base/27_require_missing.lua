-- require of a module that cannot be found is an error.
package.path = "./fixtures/?.lua"
package.cpath = ""
local ok, e = pcall(require, "no_such_module_anywhere")
print(ok, type(e))
