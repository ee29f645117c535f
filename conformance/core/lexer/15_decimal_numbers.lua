-- Decimal literal forms.
print(1, 1.0, 1., .5, 0.5, 1e2, 1E2, 1e+2, 1e-2, 3.25e1)
print(007, 0.0, 00.5, 1e0)
print(123456789012, 1234567890123456)
print(12345678901234567890)
print(.5e1, 5.e-1)
