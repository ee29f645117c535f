-- The stack-state probe: the checkpoint prelude every engine runs.
--
-- A program (usually one the generator wrote) calls the global
-- `twin_checkpoint(id)` with a number; the probe then records every active
-- Lua frame above the call, innermost first, using nothing but the `debug`
-- library (getinfo, getlocal with positive and negative indices, getupvalue),
-- so the same Lua code observes every engine the same way. What it records is
-- text, canonical by construction, because the harness compares engines by
-- comparing these texts:
--
--   cp <id>                      one checkpoint hit
--   F <source>:<linedefined> <currentline>    one frame ("F [C] -1" for C frames)
--   L <name>=<value>             a live local (compiler temporaries left out)
--   V <index>=<value>            a vararg
--   U <name>=<value>             an upvalue
--   M <n>                        n outer frames left out (beyond MAX_FRAMES)
--   E <message>                  the walk failed here (quoted message)
--
-- Values print canonically (see `render`): numbers exactly (integers plainly,
-- others with %.17g, `-0`, `nan`, `inf`, `-inf`), strings quoted with every
-- control, quote, backslash and non-ASCII byte escaped (one line always),
-- tables by content to a bounded depth with keys in a stable order, and every
-- reference (table, function, coroutine, userdata, cdata) by an identity
-- number in order of first sight within one checkpoint, never by address.
-- Identities restart at every checkpoint so that one divergent value does not
-- shift the numbering of everything recorded after it.
--
-- Each line is complete on its own: a table's content and a function's
-- definition site are shown at their first sight within the line, even when an
-- earlier line showed them already; only the identity number is shared. The
-- harness masks dead locals' lines (below) and then renumbers identities in
-- order of first sight among the lines it still compares
-- (observation.rs, Checkpoint::renumber_identities). So a stale value in a dead
-- slot, which one engine has and another not, changes neither the numbers nor
-- the text of any line that is compared.
--
-- The walk stops where the worker's own frames begin (the function the server
-- runs programs from, see probe.set_boundary): those differ per engine and are
-- none of the program's business.
--
-- Dead slots: a JIT need not restore a stack slot that no later code reads
-- (LuaJIT purges dead slots from its snapshots, and so does twin-lua), so a
-- checkpoint reached through a trace exit can show a stale value for a local
-- the program never reads again: a loop's visible control variable after its
-- last use in the iteration, `local ok, e = pcall(...)` results nobody reads.
-- The debug library cannot tell live from dead, so a checkpoint shows every
-- local; the harness masks the ones not certainly live before comparing
-- (oracle/src/liveness.rs). Locals passed to the checkpoint,
-- `twin_checkpoint(7, a, b, i)`, count as live there: the arguments are
-- otherwise ignored, but reading them makes them live where the trace exits.
--
-- Bounds keep a checkpoint inside a hot loop from flooding the harness:
-- MAX_CHECKPOINTS hits are recorded per program and the rest only counted.
--
-- This file is a chunk that returns the probe object; server.lua loads it
-- once per worker and resets it per program.

-- An engine still growing its library may lack `debug`: checkpoints then
-- record only that (an E line), and everything else still works.
local debug = debug or {}
local getinfo, getlocal, getupvalue, getmetatable =
  debug.getinfo, debug.getlocal, debug.getupvalue, debug.getmetatable
local type, next, tostring, rawget, pcall = type, next, tostring, rawget, pcall
local format, gsub, sub, find = string.format, string.gsub, string.sub, string.find
local sort, concat = table.sort, table.concat
local huge = math.huge

local MAX_DEPTH = 3        -- table nesting shown by content
local MAX_ENTRIES = 32     -- table entries shown per table
local MAX_STRING = 200     -- string bytes shown
local MAX_FRAMES = 40      -- frames recorded per checkpoint
local MAX_CHECKPOINTS = 256

-- Byte escapes, computed once: a table lookup per byte keeps this identical on
-- every engine without relying on %q (whose output spans lines for "\n").
local ESCAPE = {}
for b = 0, 255 do
  local c = string.char(b)
  if b < 32 or b >= 127 then
    ESCAPE[c] = format("\\%03d", b)
  end
end
ESCAPE['"'] = '\\"'
ESCAPE["\\"] = "\\\\"
ESCAPE["\n"] = "\\n"
ESCAPE["\t"] = "\\t"
ESCAPE["\r"] = "\\r"

local function render_string(s)
  local n = #s
  local shown = s
  if n > MAX_STRING then shown = sub(s, 1, MAX_STRING) end
  shown = '"' .. gsub(shown, '[%z\1-\31"\\\127-\255]', ESCAPE) .. '"'
  if n > MAX_STRING then shown = shown .. "..(" .. n .. ")" end
  return shown
end

local function render_number(x)
  if x ~= x then return "nan" end
  if x == huge then return "inf" end
  if x == -huge then return "-inf" end
  if x == 0 then
    if 1 / x < 0 then return "-0" end
    return "0"
  end
  if x % 1 == 0 and x >= -9007199254740992 and x <= 9007199254740992 then
    return format("%d", x)
  end
  return format("%.17g", x)
end

-- Key order: numbers (by value, NaN cannot be a key), then strings (bytewise),
-- then booleans (false first), then references by type name. References of one
-- type keep traversal order, which is the one place engine-specific hashing can
-- show; programs meant for comparison do not key tables by reference.
local TYPE_RANK = { number = 1, string = 2, boolean = 3 }
local function key_less(a, b)
  local ta, tb = type(a), type(b)
  local ra, rb = TYPE_RANK[ta] or 4, TYPE_RANK[tb] or 4
  if ra ~= rb then return ra < rb end
  if ra == 1 then
    -- Only a broken engine stores a NaN key; keep the order total anyway
    -- (table.sort raises on inconsistent comparisons): NaN sorts last.
    if a ~= a then return false end
    if b ~= b then return true end
    return a < b
  end
  if ra == 2 then return a < b end
  if ra == 3 then return (not a) and b end
  return ta < tb
end

local render

-- The identity number of reference `v`, given at its first sight within the
-- checkpoint; `ids.shown` holds the references already shown in full within
-- the current line.
local function identity(v, ids)
  local id = ids[v]
  if not id then
    id = ids.n + 1
    ids.n = id
    ids[v] = id
  end
  return id
end

local function render_table(t, ids, depth)
  local id = identity(t, ids)
  if ids.shown[t] then return "table#" .. id end
  ids.shown[t] = true
  local head = "table#" .. id
  local mt = getmetatable and getmetatable(t)
  if mt ~= nil then head = head .. "^" .. render(mt, ids, MAX_DEPTH) end
  if depth >= MAX_DEPTH then return head .. "{..}" end
  local keys, nkeys = {}, 0
  local k = next(t)
  while k ~= nil do
    nkeys = nkeys + 1
    keys[nkeys] = k
    k = next(t, k)
  end
  -- A stable sort is not needed: keys are distinct, and ties only happen
  -- between references of one type (see key_less).
  sort(keys, key_less)
  local parts = {}
  local shown = nkeys
  if shown > MAX_ENTRIES then shown = MAX_ENTRIES end
  for i = 1, shown do
    local key = keys[i]
    parts[i] = render(key, ids, depth + 1) .. "=" .. render(rawget(t, key), ids, depth + 1)
  end
  if nkeys > shown then parts[shown + 1] = ".." .. (nkeys - shown) end
  return head .. "{" .. concat(parts, ",") .. "}"
end

local function render_ref(v, ids, kind)
  return kind .. "#" .. identity(v, ids)
end

render = function(v, ids, depth)
  local tv = type(v)
  if tv == "nil" then return "nil" end
  if tv == "boolean" then return v and "true" or "false" end
  if tv == "number" then return render_number(v) end
  if tv == "string" then return render_string(v) end
  if tv == "table" then return render_table(v, ids, depth) end
  if tv == "function" then
    local r = render_ref(v, ids, "function")
    if not ids.shown[v] and getinfo then
      ids.shown[v] = true
      local info = getinfo(v, "S")
      -- LuaJIT writes a few library functions in Lua ("[builtin:remove]");
      -- other engines write them in C. Either way they are the library's.
      if info.what == "C" or sub(info.short_src, 1, 9) == "[builtin:" then
        r = r .. "<C>"
      else
        r = r .. "<" .. info.short_src .. ":" .. info.linedefined .. ">"
      end
    end
    return r
  end
  if tv == "cdata" then
    -- Boxed 64-bit integers and complex numbers print as values; every other
    -- cdata prints "cdata<type>: 0x...", reduced here to its type.
    -- tostring runs a metatype's __tostring, which may raise.
    local ok, s = pcall(tostring, v)
    if not ok then return render_ref(v, ids, "cdata") end
    local at = find(s, ": 0x", 1, true)
    if at then return render_ref(v, ids, sub(s, 1, at - 1)) end
    return "cdata:" .. s
  end
  if tv == "thread" then return render_ref(v, ids, "coroutine") end
  return render_ref(v, ids, tv)
end

-- One line's value: a fresh `shown` set, the checkpoint's identity numbers.
local function render_line(v, ids)
  ids.shown = {}
  return render(v, ids, 0)
end

local records, nrecords, dropped = {}, 0, 0

-- `level` counts from checkpoint's frame; this function's own frame adds one.
local function frame_lines(level, out, n)
  level = level + 1
  local info = getinfo(level, "Slf")
  if info.what == "C" or sub(info.short_src, 1, 9) == "[builtin:" then
    n = n + 1
    out[n] = "F [C] -1"
    return n
  end
  n = n + 1
  out[n] = "F " .. info.short_src .. ":" .. info.linedefined .. " " .. info.currentline
  local ids = out.ids
  local i = 1
  while true do
    local name, value = getlocal(level, i)
    if name == nil then break end
    if name ~= "(*temporary)" then
      n = n + 1
      out[n] = "L " .. name .. "=" .. render_line(value, ids)
    end
    i = i + 1
  end
  i = -1
  while true do
    local name, value = getlocal(level, i)
    if name == nil then break end
    n = n + 1
    out[n] = "V " .. (-i) .. "=" .. render_line(value, ids)
    i = i - 1
  end
  i = 1
  while true do
    local name, value = getupvalue(info.func, i)
    if name == nil then break end
    n = n + 1
    out[n] = "U " .. name .. "=" .. render_line(value, ids)
    i = i + 1
  end
  return n
end

-- Levels as `walk` sees them: 1 walk, 2 pcall, 3 checkpoint, 4 the caller
-- of twin_checkpoint. frame_lines adds its own frame to the level it is given.
local FIRST_LEVEL = 4

-- The worker function that runs programs (see probe.set_boundary): frames
-- from it outwards are the worker's, not the program's.
local boundary

-- Whether the frame at `level` (as walk sees it) is the program's: it exists,
-- is not the boundary function, and is not the C function (xpcall) through
-- which the boundary calls the program. Stopping at the boundary rather than
-- at the main chunk matters when the main chunk is gone: `return f()` is a
-- tail call, and f's frame then sits right on top of the worker's.
local function in_program(level)
  local info = getinfo(level + 1, "Sf")
  if not info or info.func == boundary then return false end
  if info.what == "C" then
    local caller = getinfo(level + 2, "f")
    if caller and caller.func == boundary then return false end
  end
  return true
end

local function walk(out)
  local n = #out
  local level, frames = FIRST_LEVEL, 0
  while in_program(level) do
    frames = frames + 1
    if frames > MAX_FRAMES then
      local more = 0
      while in_program(level) do
        more = more + 1
        level = level + 1
      end
      n = n + 1
      out[n] = "M " .. more
      break
    end
    n = frame_lines(level, out, n)
    level = level + 1
  end
end

local function checkpoint(id)
  if nrecords >= MAX_CHECKPOINTS then
    dropped = dropped + 1
    return
  end
  local out = { ids = { n = 0 } }
  out[1] = "cp " .. render_line(id, out.ids)
  -- A broken engine can make the walk itself fail (e.g. `next` rejecting a
  -- corrupt table); that is an observation too, not the program's error.
  local ok, err = false, "no debug library"
  if getinfo and getlocal and getupvalue then ok, err = pcall(walk, out) end
  if not ok then out[#out + 1] = "E " .. render_string(tostring(err)) end
  out.ids = nil
  nrecords = nrecords + 1
  records[nrecords] = concat(out, "\n")
end

local probe = {}

-- Forget everything recorded; called before each program.
function probe.reset()
  records, nrecords, dropped = {}, 0, 0
end

-- The recorded checkpoint texts (in hit order) and the count of hits that
-- were not recorded because of MAX_CHECKPOINTS.
function probe.results()
  return records, nrecords, dropped
end

probe.checkpoint = checkpoint

-- Names the worker function that calls programs; checkpoints record frames
-- up to (not including) it and the C function it calls programs through.
function probe.set_boundary(f)
  boundary = f
end

-- Canonical text of one value with a fresh identity numbering (return values,
-- non-string error values).
function probe.render(v, ids)
  return render_line(v, ids or { n = 0 })
end

return probe
