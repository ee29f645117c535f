-- require searches package.path; "..." of the module chunk is the module name.
package.path = "./fixtures/?.lua"
local m = require("pathmod")
print(m.name, m.double(21))
print(require("pathmod") == m)
