-- LuaJIT's standalone interpreter prints an error object through __tostring; lua5.1 does not.
-- An uncaught error with a table value that has __tostring.
error(setmetatable({}, {__tostring = function() return "custom error object" end}))
