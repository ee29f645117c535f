-- twin regression: pairs order of a table whose string keys were removed and put back
-- depended on whether a collection freed the removed keys in between.
-- engines: twin-interp (oracle) vs twin-jit-stress (twin-lua -Ohotloop=1 -Ohotexit=1)
-- verdict: divergent
-- signature: divergent|stdout|-|-
-- Found by the 2026-11-21 JIT campaign (seed 20261121). A removed entry's node kept its
-- key; when the key string was collected before an equal key was stored again, the store
-- took a fresh node, so the layout followed the collector's timing, which differs between
-- the interpreter (with the harness's checkpoints) and traces, which never collect. Now a
-- strong table keeps such keys alive.
local t = {x = 1, [2] = 30, 5, y = 2}
local acc = 0
for i = 1, 208 do
  t["k" .. i % 11] = -i
  t["k" .. i % 5] = nil
  t["k" .. i % 6] = nil
  acc = acc + (t[1] or 0)
  twin_checkpoint(1)
end
local order = {}
for k in pairs(t) do order[#order + 1] = tostring(k) end
print(acc, table.concat(order, ","))
