-- The worker server: runs inside any LuaJIT-compatible engine
-- (`luajit -joff server.lua probe.lua NONCE`) and turns it into a persistent
-- worker for the harness.
--
-- twin-lua serves natively instead (`twin-lua --serve server.lua probe.lua
-- NONCE`, jit/src/serve.rs): it reads requests and writes the markers in
-- Rust and runs each program in a fresh Lua state, loading this file there
-- with a third argument, "--one", which returns the per-program function
-- `run(source) -> payload` instead of entering the loop below. Every engine
-- thus observes programs through the same Lua code.
--
-- Loop: read one request from stdin, run the program it carries in a fresh
-- global environment, write one response, repeat until stdin ends.
--
--   request  (stdin)   "run <len>\n" <len bytes of Lua source>
--   response (stdout)  <whatever the program wrote> "\0TWIN:<nonce>:<len>\n" <payload>
--            (stderr)  <whatever the program wrote> "\0TWIN:<nonce>\n"
--
-- The program's own output is not captured inside Lua: print, io.write and
-- io.stdout:write all reach the real stdout in their real order, exactly as in
-- a direct run. The harness cuts the stream at the marker, which a program
-- cannot forge because the nonce exists only in this file's locals. stderr
-- gets its own marker so the harness knows when all of it has arrived.
--
-- Payload: records "<tag> <len>\n<len bytes>", in this order:
--   status   "ok" or "error"
--   error    the error message (strings as they are, other values rendered)
--   ret      one per return value of the chunk, rendered canonically
--   cp       one per recorded checkpoint (probe.lua's text)
--   dropped  checkpoint hits past the probe's limit
--   recycle  present when the program changed state that outlives it and
--            that no reset here undoes: it loaded the FFI (declarations are
--            per process), drove the JIT or the GC (jit.*, jit.opt.start,
--            collectgarbage's stop/setpause/setstepmul), set a debug hook, or
--            changed the string metatable. The harness then starts a new
--            worker before the next program.
--
-- Every program is loaded with the chunk name "=prog", so error messages and
-- frame sources read "prog:LINE" on every engine, persistent or not.
--
-- Freshness: each program gets a new globals table with copies of the library
-- tables, a full GC cycle runs before it, and, when the JIT is on, compiled
-- traces are flushed and the hot counters reset (jit off then on), so a
-- program meets the same JIT state whatever ran before it in this worker.
-- Not reset: package.loaded, math.random's state; a program that relies on
-- those is not deterministic anyway. Not resettable: LuaJIT seeds its string
-- hashes per process, so table layouts, and with them the traces recorded
-- over table accesses, can differ between workers; a JIT bug that depends on
-- such a trace shape shows in most runs rather than all.

local probe_path, nonce, mode = ...
local probe = assert(loadfile(probe_path))()

local stdin, stdout, stderr = io.stdin, io.stdout, io.stderr
local loadstring, setfenv, xpcall, select, type, pairs = loadstring, setfenv, xpcall, select, type, pairs
local concat = table.concat
local collectgarbage = collectgarbage
local jit = jit

-- Optional everywhere: an engine without setvbuf or without the jit module
-- still serves, only slower or without the JIT reset.
if stdout.setvbuf then stdout:setvbuf("full") end

-- Snapshot of the pristine globals, taken before this file defines any.
local pristine = {}
for k, v in pairs(_G) do pristine[k] = v end
local LIBRARIES = { "string", "table", "math", "io", "os", "coroutine", "debug", "bit", "jit", "package" }

-- The FFI helper library's path, for programs of the generator's FFI
-- families (the harness sets it per engine architecture).
local ffi_helper = os.getenv("TWIN_FFI_HELPER")

local recycle = false

-- Library functions whose effects outlive the program get wrappers that ask
-- for a new worker afterwards.
local function tainting(f)
  return function(...)
    recycle = true
    return f(...)
  end
end
local GC_TAINTING = { stop = true, setpause = true, setstepmul = true }
local string_meta = getmetatable("")
local string_index = string_meta and string_meta.__index
-- The JIT state the engine was started with (-joff or not), restored per program.
local jit_on = jit and jit.status and jit.status()

local function fresh_env()
  local env = {}
  for k, v in pairs(pristine) do env[k] = v end
  for _, name in pairs(LIBRARIES) do
    local lib = pristine[name]
    if type(lib) == "table" then
      local copy = {}
      for k, v in pairs(lib) do copy[k] = v end
      env[name] = copy
    end
  end
  env._G = env
  env.arg = { [0] = "prog" }
  env.twin_checkpoint = probe.checkpoint
  env.TWIN_FFI_HELPER = ffi_helper
  -- Functions made from source at run time must see the program's globals,
  -- not this worker's (the engine gives them the thread's globals).
  local function bind(f, err)
    if f then setfenv(f, env) end
    return f, err
  end
  env.loadstring = function(s, name) return bind(loadstring(s, name)) end
  env.load = function(f, name) return bind(load(f, name)) end
  env.loadfile = function(name) return bind(loadfile(name)) end
  env.dofile = function(name)
    local f = assert(env.loadfile(name))
    return f()
  end
  -- stdin carries the protocol: a program that reads it sees end of file.
  env.io.read = function() return nil end
  env.io.lines = function(name, ...)
    if name == nil then return function() return nil end end
    return io.lines(name, ...)
  end
  if env.jit then
    for _, name in pairs({ "on", "off", "flush" }) do
      if env.jit[name] then env.jit[name] = tainting(env.jit[name]) end
    end
    if type(env.jit.opt) == "table" and env.jit.opt.start then
      env.jit.opt = { start = tainting(env.jit.opt.start) }
    end
  end
  if env.debug and env.debug.sethook then env.debug.sethook = tainting(env.debug.sethook) end
  env.collectgarbage = function(opt, ...)
    if GC_TAINTING[opt] then recycle = true end
    return collectgarbage(opt, ...)
  end
  env.require = function(name)
    if name == "ffi" then recycle = true end
    return require(name)
  end
  return env
end

local function record(out, tag, data)
  out[#out + 1] = tag .. " " .. #data .. "\n" .. data
end

local function error_text(e)
  if type(e) == "string" then return e end
  return probe.render(e)
end

local function finish(out, ok, ...)
  if ok then
    record(out, "status", "ok")
    local ids = { n = 0 }
    for i = 1, select("#", ...) do
      record(out, "ret", probe.render((select(i, ...)), ids))
    end
  else
    record(out, "status", "error")
    record(out, "error", error_text((...)))
  end
end

local function identity(e) return e end

local function run(source)
  probe.reset()
  recycle = false
  collectgarbage("collect")
  if jit_on then
    jit.flush()
    jit.off()
    jit.on()
  end
  local out = {}
  local fn, err = loadstring(source, "=prog")
  if not fn then
    record(out, "status", "error")
    record(out, "error", err)
  else
    setfenv(fn, fresh_env())
    finish(out, xpcall(fn, identity))
  end
  local records, n, dropped = probe.results()
  for i = 1, n do record(out, "cp", records[i]) end
  record(out, "dropped", tostring(dropped))
  local meta = getmetatable("")
  if meta ~= string_meta or (meta and meta.__index ~= string_index) then recycle = true end
  if recycle then record(out, "recycle", "") end
  return concat(out)
end

probe.set_boundary(run)

if mode == "--one" then return run end

while true do
  local header = stdin:read("*l")
  if header == nil then break end
  local len = header:match("^run (%d+)$")
  if not len then
    stderr:write("twin server: bad request header\n")
    os.exit(3)
  end
  local source = len == "0" and "" or stdin:read(tonumber(len))
  local payload = run(source or "")
  stdout:write("\0TWIN:", nonce, ":", #payload, "\n", payload)
  stdout:flush()
  stderr:write("\0TWIN:", nonce, "\n")
  stderr:flush()
end
