-- os library (UTC formats and fixed times only: the output must not depend on the host)
local t = 86400*365*30 + 3600*5 + 61
print(os.date("!%Y-%m-%d %H:%M:%S %a %A %b %B %c %d %D %e %F %g %G %h %I %j %m %M %p %r %R %S %T %u %U %V %w %W %x %X %y %Y %% %z %Z", t))
local d = os.date("!*t", t) local ks = {} for k,v in pairs(d) do ks[#ks+1] = k.."="..tostring(v) end table.sort(ks) print(table.concat(ks, " "))
print(os.date("!", t), os.date("!%", t), os.date("!x%", t), os.date("!%Q %E %Ec %Od %5d %-d %_d %^a %#Z %010Y %C %k %l %P", t))
print(os.date("!%c", 0), os.date("!%x %X %p", 13*3600), os.date("!%j %U %W %V %G", 1e9))
for _, y in ipairs{2004, 2005, 2008, 2009, 2010, 2020, 2021} do
  local jan1 = os.time{year = y, month = 1, day = 1, hour = 12}
  io.write(os.date("!%G-%V-%u %U %W|", jan1), os.date("!%G-%V-%u|", jan1 - 2 * 86400))
end
print()
print(pcall(os.time, {year=2000}), pcall(os.date, "*t", 1e20))
print(os.difftime(10, 4), os.difftime(5), pcall(os.difftime))
print(type(os.clock()), type(os.time()), os.getenv("NO_SUCH_VAR_TWIN_X"), pcall(os.getenv))
print(os.remove("/nonexistent/x"))
print(os.rename("/nonexistent/x", "/nonexistent/y"))
local n = os.tmpname() print(type(n), io.open(n) ~= nil, os.remove(n), select(2, io.open(n)) == n .. ": No such file or directory")
print(os.execute(), os.execute("exit 3"), os.execute("true"))
print(os.setlocale(), os.setlocale("C"))
