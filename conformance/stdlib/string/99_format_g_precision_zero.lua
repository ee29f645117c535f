-- %g with precision 0 and 1, and %e/%f at large precisions.
print(string.format("%.0g|%.1g|%.0G", 123.456, 0.000123456, 1e-10))
print(string.format("%.0g|%#.0g", 0.5, 0.5))
print(string.format("%.30f", 1/3))
print(string.format("%.30e", 2/3))
print(string.format("%.25g", 0.1))
print(string.format("%.0f|%.0f|%.0f", 1e21, 2^70, 123456789012345678))
