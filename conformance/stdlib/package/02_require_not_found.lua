-- "module 'x' not found": every searcher's reason, in order (preload, path, cpath, and
-- for dotted names the root of the name in cpath).
package.path = "./?.lua;./?/init.lua;;"
package.cpath = "./?.so;./lib?.so"
print(pcall(require, "no_such_module"))
print(pcall(require, "no.such.module"))
package.path = ""
package.cpath = ""
print(pcall(require, "empty.paths"))
-- a searcher that returns nothing adds nothing to the message
package.path = "./?.x"
package.cpath = "./?.y"
print(pcall(require, "x"))
