-- Back-references %1-%9 inside patterns.
print(("abcabc"):match("(abc)%1"))
print(("hello"):match("(l)%1"))
print(("say \"hi\" or 'yo'"):match("([\"'])(.-)%1"))
print(("aXbXc"):find("(X).-%1"))
print(("xyzxyz"):match("^(x)(y)(z)%1%2%3$"))
print(("aa bb cd"):gsub("(%a)%1", "<%1%1>"))
print(("abab"):match("(a)(b)%1%2"))
print(("a()a"):match("(a)()%1"))
