/*
 * twin_ffi_helper: the C side of twin-gen's FFI families.
 *
 * Generated programs load this library with ffi.load(TWIN_FFI_HELPER) and declare its
 * functions with the string twin_gen::ffi_helper::CDEF, which must match this file
 * declaration for declaration (a test checks every name here is declared there).
 *
 * Two concerns:
 *
 *  - Callback re-entry. Functions that take a Lua callback and call it now, n times,
 *    never, or later (twin_cb_store keeps it; twin_cb_call_stored* invoke it). The
 *    "later" form is what makes a hot loop's C call start calling back into Lua only
 *    after the loop has been compiled: a JIT must then either handle the re-entry or
 *    (LuaJIT) panic with "bad callback".
 *  - By-value data. Small structs passed and returned by value, and varargs, with
 *    checksums so a program can verify what C received.
 *
 * Everything is deterministic: no libc qsort (its order for equal keys and its
 * comparator call sequence vary between libcs), our own insertion sort instead.
 * Built with -funwind-tables so a Lua error raised in a callback can unwind through
 * these frames on engines that allow it.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef int32_t (*twin_cb_int)(int32_t);
typedef double (*twin_cb_double)(double);
typedef int32_t (*twin_cb_cmp)(const void *, const void *);

typedef struct { int32_t a; int32_t b; } twin_pair;
typedef struct { double x; double y; } twin_vec2;
typedef struct { int8_t tag; int64_t wide; float f; } twin_mixed;

static twin_cb_int stored_cb;

int32_t twin_cb_call_now(twin_cb_int cb, int32_t x) { return cb(x); }

/* Sum of cb(x), cb(x + 1), ..., cb(x + n - 1), wrapping like the int32 arithmetic it is. */
int32_t twin_cb_call_n(twin_cb_int cb, int32_t n, int32_t x)
{
  uint32_t sum = 0;
  for (int32_t i = 0; i < n; i++) sum += (uint32_t)cb((int32_t)((uint32_t)x + (uint32_t)i));
  return (int32_t)sum;
}

/* Takes a callback and ignores it: the call is a plain C call that happens to pass one. */
int32_t twin_cb_call_never(twin_cb_int cb, int32_t x) { (void)cb; return x + 1; }

double twin_cb_call_double(twin_cb_double cb, double x) { return cb(x) + 0.5; }

/* Keeps cb for later calls; NULL forgets it. */
void twin_cb_store(twin_cb_int cb) { stored_cb = cb; }

/* cb(x) with the stored callback, or 2 * x when none is stored. */
int32_t twin_cb_call_stored(int32_t x)
{
  return stored_cb ? stored_cb(x) : (int32_t)((uint32_t)x * 2u);
}

/* Calls the stored callback only once x reaches threshold: before that it is pure C. */
int32_t twin_cb_call_stored_from(int32_t x, int32_t threshold)
{
  if (x >= threshold && stored_cb) return stored_cb(x);
  return (int32_t)((uint32_t)x * 2u);
}

/* qsort's interface, insertion sort's behaviour: stable and the same on every libc. */
void twin_sort(void *base, size_t n, size_t size, twin_cb_cmp cmp)
{
  unsigned char *b = base;
  unsigned char tmp[64];
  if (size > sizeof(tmp)) return;
  for (size_t i = 1; i < n; i++) {
    memcpy(tmp, b + i * size, size);
    size_t j = i;
    while (j > 0 && cmp(b + (j - 1) * size, tmp) > 0) {
      memcpy(b + j * size, b + (j - 1) * size, size);
      j--;
    }
    memcpy(b + j * size, tmp, size);
  }
}

twin_pair twin_pair_make(int32_t a, int32_t b) { twin_pair p = { a, b }; return p; }

twin_pair twin_pair_swap(twin_pair p) { twin_pair q = { p.b, p.a }; return q; }

twin_vec2 twin_vec2_scale(twin_vec2 v, double k) { twin_vec2 r = { v.x * k, v.y * k }; return r; }

twin_mixed twin_mixed_make(int8_t tag, int64_t wide, float f)
{
  twin_mixed m = { tag, wide, f };
  return m;
}

/* A checksum over the bytes that matter (never padding): FNV-1a over each field. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
  const unsigned char *c = p;
  for (size_t i = 0; i < n; i++) { h ^= c[i]; h *= 1099511628211ull; }
  return h;
}

#define FNV_SEED 14695981039346656037ull

uint64_t twin_checksum_pair(twin_pair p)
{
  return fnv(fnv(FNV_SEED, &p.a, sizeof(p.a)), &p.b, sizeof(p.b));
}

uint64_t twin_checksum_vec2(twin_vec2 v)
{
  return fnv(fnv(FNV_SEED, &v.x, sizeof(v.x)), &v.y, sizeof(v.y));
}

uint64_t twin_checksum_mixed(twin_mixed m)
{
  uint64_t h = fnv(FNV_SEED, &m.tag, sizeof(m.tag));
  h = fnv(h, &m.wide, sizeof(m.wide));
  return fnv(h, &m.f, sizeof(m.f));
}

/* Varargs: n doubles (the FFI passes Lua numbers to a vararg slot as double). */
uint64_t twin_checksum_doubles(int32_t n, ...)
{
  va_list ap;
  uint64_t h = FNV_SEED;
  va_start(ap, n);
  for (int32_t i = 0; i < n; i++) {
    double d = va_arg(ap, double);
    h = fnv(h, &d, sizeof(d));
  }
  va_end(ap);
  return h;
}

/* Varargs: n int64 values (pass them as int64_t cdata, e.g. 5LL). */
int64_t twin_sum_int64s(int32_t n, ...)
{
  va_list ap;
  uint64_t sum = 0;
  va_start(ap, n);
  for (int32_t i = 0; i < n; i++) sum += (uint64_t)va_arg(ap, int64_t);
  va_end(ap);
  return (int64_t)sum;
}

int64_t twin_add_int64(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }

uint64_t twin_mul_uint64(uint64_t a, uint64_t b) { return a * b; }

/* Narrowing and widening across the argument/return ABI (sign and zero extension). */
int32_t twin_widen_sum(int8_t a, uint8_t b, int16_t c, uint16_t d) { return a + b + c + d; }

/*
 * Callbacks of every scalar signature: more arguments than argument registers (so
 * some arrive on the stack, on both ABIs), every integer width, float and double,
 * 64-bit integers, pointers to structs read and written through, and results that the
 * C side narrows or widens. Each returns what the callback returned, so a program sees
 * both directions of the conversion.
 */
int64_t twin_cb_many_ints(int64_t (*cb)(int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, int32_t, int64_t, const void *, bool))
{
  return cb(-5, 250, -30000, 65000, -2000000000, 4000000000u, -((int64_t)1 << 40), ((uint64_t)1 << 63) + 7, 123456, -7, (const void *)(uintptr_t)0x1234, true) + 1;
}

double twin_cb_many_fps(double (*cb)(float, double, float, double, float, double, float, double, float, double, float, double))
{
  return cb(0.5f, -1.25, 3.75f, 1e300, -0.0f, 0.1, 16777216.0f, -2.5e-300, 1.5f, 42.0, -8.25f, 7.0) * 2;
}

float twin_cb_mixed16(float (*cb)(int64_t, float, int64_t, float, int64_t, float, int64_t, float, int64_t, float, int64_t, float, int64_t, float, int64_t, float))
{
  return cb(1, 0.5f, -2, 1.5f, 3, -2.5f, -4, 3.5f, 5, 4.5f, -6, -5.5f, 7, 6.5f, -8000000000LL, 0.25f) + 1.0f;
}

int32_t twin_cb_ret_i8(int8_t (*cb)(int32_t), int32_t x) { return cb(x); }

uint32_t twin_cb_ret_u16(uint16_t (*cb)(int32_t), int32_t x) { return cb(x); }

int32_t twin_cb_ret_bool(bool (*cb)(int32_t), int32_t x) { return cb(x) ? 1 : 0; }

int64_t twin_cb_ret_i64(int64_t (*cb)(int64_t), int64_t x) { return cb(x) - 1; }

uint64_t twin_cb_ret_u64(uint64_t (*cb)(uint64_t), uint64_t x) { return cb(x) + 1; }

float twin_cb_ret_float(float (*cb)(float), float x) { return cb(x) * 2.0f; }

/* The callback fills *out from *in; the result shows what C sees afterwards. */
int32_t twin_cb_pair_ptr(void (*cb)(twin_pair *, const twin_pair *), int32_t a, int32_t b)
{
  twin_pair in = { a, b }, out = { 0, 0 };
  cb(&out, &in);
  return out.a * 1000 + out.b;
}

/* The callback returns one of two pointers (or NULL): 1 or 2 for which, plus 10 * a. */
int32_t twin_cb_pick(twin_pair *(*cb)(twin_pair *, twin_pair *, int32_t), int32_t which)
{
  twin_pair x = { 1, 2 }, y = { 3, 4 };
  twin_pair *p = cb(&x, &y, which);
  if (p == NULL) return 0;
  return (p == &x ? 1 : p == &y ? 2 : -1) + 10 * p->a;
}
