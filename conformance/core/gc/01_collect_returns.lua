-- collectgarbage("collect") and the default option return 0.
print(collectgarbage())
print(collectgarbage("collect"))
