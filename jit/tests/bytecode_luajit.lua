-- Prints LuaJIT's bytecode for a file in the normalised form of
-- tests/bytecode_luajit.rs: one line per instruction, constants decoded, jump
-- targets absolute, child prototypes after their parent in FNEW order.
-- Usage: luajit bytecode_luajit.lua FILE
local jutil = require("jit.util")
local bcnames = require("jit.vmdef").bcnames
local band, shr = bit.band, bit.rshift

-- Operand kinds per opcode, as in jit/src/bytecode/dump.rs.
local KIND = {}
local function kinds(k, ...)
  for _, op in ipairs({ ... }) do KIND[op] = k end
end
kinds("ad R R", "ISLT", "ISGE", "ISLE", "ISGT", "ISEQV", "ISNEV", "ISTC", "ISFC", "MOV", "NOT", "UNM", "LEN", "KNIL")
kinds("ad R S", "ISEQS", "ISNES", "KSTR", "GGET", "GSET")
kinds("ad R N", "ISEQN", "ISNEN", "KNUM")
kinds("ad R P", "ISEQP", "ISNEP", "KPRI")
kinds("ad _ R", "IST", "ISF")
kinds("abc R R N", "ADDVN", "SUBVN", "MULVN", "DIVVN", "MODVN", "ADDNV", "SUBNV", "MULNV", "DIVNV", "MODNV")
kinds("abc R R R", "ADDVV", "SUBVV", "MULVV", "DIVVV", "MODVV", "POW", "CAT", "TGETV", "TSETV")
kinds("ad R I", "KSHORT")
kinds("ad R L", "UGET", "USETV", "USETP", "TNEW", "CALLMT", "CALLT", "RETM", "RET", "RET0", "RET1")
kinds("ad R S", "USETS")
kinds("ad R N", "USETN")
kinds("ad R J", "UCLO", "FORI", "FORL", "ITERL", "LOOP", "JMP")
kinds("ad R F", "FNEW")
kinds("ad R T", "TDUP")
kinds("ad R C", "KCDATA")
kinds("ad R M", "TSETM")
kinds("abc R R S", "TGETS", "TSETS")
kinds("abc R R L", "TGETB", "TSETB", "CALLM", "CALL", "ITERC", "VARG")
kinds("ad L _", "FUNCF", "FUNCV")

local function str(s)
  return '"' .. s:gsub('[%c"\\\128-\255]', function(c)
    return "\\" .. c:byte()
  end) .. '"'
end

local function num(n)
  if n ~= n then return "nan" end
  if n == math.huge then return "inf" elseif n == -math.huge then return "-inf" end
  if n == math.floor(n) and math.abs(n) < 2^53 then return string.format("%d", n) end
  local m, e = string.format("%.16e", n):match("^(.*)e(.*)$")
  return m .. "e" .. tonumber(e)
end

local function value(v)
  if type(v) == "string" then return str(v) elseif type(v) == "number" then return num(v) end
  return tostring(v)
end

local function proto(f, out)
  out[#out + 1] = "proto"
  local children = {}
  local pc = 0
  while true do
    local ins = jutil.funcbc(f, pc)
    if not ins then break end
    local o = band(ins, 0xff)
    local op = bcnames:sub(o * 6 + 1, o * 6 + 6):gsub(" ", "")
    -- The compiler leaves the `next` specialisation to the JIT.
    if op == "ISNEXT" then op = "JMP" elseif op == "ITERN" then op = "ITERC" end
    local a, b, c, d = band(shr(ins, 8), 0xff), shr(ins, 24), band(shr(ins, 16), 0xff), shr(ins, 16)
    local fmt, ka, kb, kc = (KIND[op] or "ad ? ?"):match("^(%a+) (%S) (%S) ?(%S?)$")
    local function decode(k, v)
      if k == "S" then return str(jutil.funck(f, -v - 1)) end
      if k == "N" then return num(jutil.funck(f, v)) end
      -- Cdata constants by value: LuaJIT numbers them among its child prototypes.
      if k == "C" then return tostring(jutil.funck(f, -v - 1)) end
      if k == "M" then return num(jutil.funck(f, v) - 2^52) end
      if k == "I" then return tostring(v >= 0x8000 and v - 0x10000 or v) end
      if k == "J" then return "=>" .. (pc + v - 0x7fff) end
      if k == "F" then children[#children + 1] = jutil.funck(f, -v - 1) return "F" end
      if k == "T" then
        local parts = {}
        for key, val in pairs(jutil.funck(f, -v - 1)) do parts[#parts + 1] = value(key) .. "=" .. value(val) end
        table.sort(parts)
        return "{" .. table.concat(parts, ",") .. "}"
      end
      if k == "_" then return "" end
      return tostring(v)
    end
    if fmt == "abc" then
      out[#out + 1] = table.concat({ pc, op, decode(ka, a), decode(kb, b), decode(kc, c) }, " ")
    else
      out[#out + 1] = table.concat({ pc, op, decode(ka, a), decode(kb, d) }, " ")
    end
    pc = pc + 1
  end
  for _, child in ipairs(children) do proto(child, out) end
end

local f, err = loadfile(arg[1])
if not f then
  print("error " .. err)
else
  local out = {}
  proto(f, out)
  print(table.concat(out, "\n"))
end
