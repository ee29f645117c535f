-- Single and double quotes; each may contain the other unescaped.
print('a"b', "a'b")
print('' == "", #'')
print("tab	inside")
print(#"multi\
line")
