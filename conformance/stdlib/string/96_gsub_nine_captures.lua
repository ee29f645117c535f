-- Nine captures and %1-%9 in replacements and back-references.
local s = "abcdefghi"
local p = "(a)(b)(c)(d)(e)(f)(g)(h)(i)"
print(s:gsub(p, "%9%8%7%6%5%4%3%2%1"))
print(s:gsub(p, "%1-%5-%9"))
print(s:match(p))
print(("xyzxyz"):find("(x)(y)(z)%1%2%3"))
print(pcall(string.gsub, s, "(a)", "%9"))
