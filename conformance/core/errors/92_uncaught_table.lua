-- An uncaught error with a table value (without __tostring).
error({code = 1})
