-- debug.getregistry returns a table.
print(type(debug.getregistry()))
print(debug.getregistry() == debug.getregistry())
print(type(debug.getregistry()._LOADED))
