-- debug.getinfo on C functions.
for _, fn in ipairs({print, string.format, table.insert}) do
  local i = debug.getinfo(fn, "S")
  print(i.what, i.source, i.short_src, i.linedefined, i.lastlinedefined)
end
local i = debug.getinfo(print, "l")
print(i.currentline)
print(debug.getinfo(print, "f").func == print)
