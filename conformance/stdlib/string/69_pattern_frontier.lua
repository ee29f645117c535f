-- %f frontier patterns.
print(("THE (quick) fox"):gsub("%f[%a]%a+", "W"))
print(("hello world"):find("%f[%w]%w+", 2))
print(("aaa bbb"):match("%f[%l](%l+)%f[%L]"))
print(("the cat"):gsub("%f[%w]cat%f[%W]", "dog"))
print(("concat"):gsub("%f[%w]cat%f[%W]", "dog"))
print(("x"):find("%f[x]"))
print(("x"):find("%f[%z]"))
print(("a,b"):gsub("%f[^,]", "<"))
