# Bundled libsodium (target confidant_dep_sodium), compiled by CMake from the
# pinned source tree.
#
# Why not libsodium's own autotools build: Debian's tarball is the tagged
# source tree without a generated `configure` (it would need autoreconf),
# and driving configure with each cross compiler (Android's, Apple's,
# Debian's) is what breaks most often. Here the sources are compiled by the
# same CMake toolchain as the SDK, and what configure would detect is
# detected with CMake's compile checks, which work when cross compiling
# (no test program is run).
#
# Every .c file of src/libsodium is compiled; the code for a CPU feature is
# guarded by HAVE_* macros inside the files, so on ARM those files compile to
# nothing, and the linker's --gc-sections drops unused primitives. No
# assembly (.S) is used on any target: the x86-64 assembly covers only
# Curve25519 and Salsa20, whose C versions are used instead. On x86-64 the
# SIMD variants (SSE2 ... AVX-512F, AES-NI) are compiled with the
# instruction-set flag each needs and picked at run time by libsodium's CPU
# detection, as Debian's build does; ARM gets the portable C code.
include(CheckCSourceCompiles)
include(CheckIncludeFile)
include(CheckSymbolExists)

confidant_dep_unpack(SODIUM sodium_src)
set(sodium_root ${sodium_src}/src/libsodium)

file(GLOB_RECURSE sodium_sources ${sodium_root}/*.c)
add_library(confidant_dep_sodium OBJECT ${sodium_sources})
set_target_properties(confidant_dep_sodium PROPERTIES C_VISIBILITY_PRESET hidden)
target_compile_options(confidant_dep_sodium PRIVATE -w)

# The public headers, with version.h made from its template as libsodium's
# configure would (the library version numbers are the ones 1.0.18's
# configure.ac sets), in one folder of the build tree: version.h includes
# its neighbours by plain name.
set(sodium_include ${CMAKE_BINARY_DIR}/_deps/sodium-include)
file(COPY ${sodium_root}/include/ DESTINATION ${sodium_include} PATTERN "*.in" EXCLUDE)
set(VERSION ${CONFIDANT_DEP_SODIUM_VERSION})
set(SODIUM_LIBRARY_VERSION_MAJOR 10)
set(SODIUM_LIBRARY_VERSION_MINOR 3)
set(SODIUM_LIBRARY_MINIMAL_DEF "")
configure_file(${sodium_root}/include/sodium/version.h.in ${sodium_include}/sodium/version.h @ONLY)

target_include_directories(confidant_dep_sodium SYSTEM PUBLIC ${sodium_include}
                           PRIVATE ${sodium_include}/sodium)
# SODIUM_STATIC: no dllexport/visibility attributes, the library is linked in.
target_compile_definitions(confidant_dep_sodium PUBLIC SODIUM_STATIC=1 PRIVATE CONFIGURED=1)

# What libsodium's configure would find, checked for the target.
if(CMAKE_C_BYTE_ORDER STREQUAL "BIG_ENDIAN")
  target_compile_definitions(confidant_dep_sodium PRIVATE NATIVE_BIG_ENDIAN=1)
else()
  target_compile_definitions(confidant_dep_sodium PRIVATE NATIVE_LITTLE_ENDIAN=1)
endif()
# 128-bit integers: the 64-bit field arithmetic of Curve25519/Ed25519 (on
# 64-bit targets); 32-bit ones take the 25.5-bit representation.
check_c_source_compiles("int main(void) { unsigned __int128 x = 1; x <<= 70; return (int) (x >> 127); }"
                        CONFIDANT_SODIUM_HAVE_TI_MODE)
# MACRO|include|header or MACRO|symbol|function|header
set(sodium_checks
  "HAVE_SYS_MMAN_H|include|sys/mman.h"
  "HAVE_SYS_RANDOM_H|include|sys/random.h"
  "HAVE_ALLOCA_H|include|alloca.h"
  "HAVE_MMAP|symbol|mmap|sys/mman.h"
  "HAVE_MPROTECT|symbol|mprotect|sys/mman.h"
  "HAVE_MLOCK|symbol|mlock|sys/mman.h"
  "HAVE_MADVISE|symbol|madvise|sys/mman.h"
  "HAVE_POSIX_MEMALIGN|symbol|posix_memalign|stdlib.h"
  "HAVE_GETRANDOM|symbol|getrandom|sys/random.h"
  "HAVE_NANOSLEEP|symbol|nanosleep|time.h"
  "HAVE_GETPID|symbol|getpid|unistd.h"
  "HAVE_SYSCONF|symbol|sysconf|unistd.h")
foreach(entry IN LISTS sodium_checks)
  string(REPLACE "|" ";" check "${entry}")
  list(GET check 0 macro)
  list(GET check 1 kind)
  if(kind STREQUAL "include")
    list(GET check 2 header)
    check_include_file(${header} CONFIDANT_SODIUM_${macro})
  else()
    list(GET check 2 symbol)
    list(GET check 3 header)
    check_symbol_exists(${symbol} ${header} CONFIDANT_SODIUM_${macro})
  endif()
  if(CONFIDANT_SODIUM_${macro})
    target_compile_definitions(confidant_dep_sodium PRIVATE ${macro}=1)
  endif()
endforeach()
if(CONFIDANT_SODIUM_HAVE_TI_MODE)
  target_compile_definitions(confidant_dep_sodium PRIVATE HAVE_TI_MODE=1)
endif()
# Guarded pages for sodium_malloc need both.
if(CONFIDANT_SODIUM_HAVE_MMAP AND CONFIDANT_SODIUM_HAVE_MPROTECT)
  target_compile_definitions(confidant_dep_sodium PRIVATE HAVE_PAGE_PROTECTION=1)
endif()
# GCC and Clang on ELF and Mach-O: the weak-symbol trick sodium_memzero uses
# so the compiler cannot drop the wipe; the pthread lock of sodium_init; the
# __sync/__atomic built-ins.
target_compile_definitions(confidant_dep_sodium PRIVATE HAVE_WEAK_SYMBOLS=1 HAVE_PTHREAD=1 HAVE_ATOMIC_OPS=1
                                                        HAVE_C_VARARRAYS=1)

if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  # The intrinsics headers and CPUID exist on every x86-64 compiler we
  # target; each SIMD file gets exactly the instruction sets it is written
  # for, nothing else is compiled with them, and libsodium checks the CPU
  # before calling any of it. HAVE_AVX_ASM and HAVE_AMD64_ASM would also
  # select the assembly files, which are not built, so they stay undefined
  # but for runtime.c, where HAVE_AVX_ASM only lets the CPU check read XCR0
  # (inline XGETBV) to see whether the OS enabled AVX.
  target_compile_definitions(confidant_dep_sodium PRIVATE
    HAVE_CPUID=1
    HAVE_EMMINTRIN_H=1 HAVE_PMMINTRIN_H=1 HAVE_TMMINTRIN_H=1 HAVE_SMMINTRIN_H=1
    HAVE_AVXINTRIN_H=1 HAVE_AVX2INTRIN_H=1 HAVE_AVX512FINTRIN_H=1 HAVE_WMMINTRIN_H=1)
  set(sse2 -msse2)
  set(ssse3 ${sse2} -mssse3)
  set(sse41 ${ssse3} -msse4.1)
  set(avx2 ${sse41} -mavx -mavx2)
  set(avx512f ${avx2} -mavx512f)
  set(aesni ${ssse3} -maes -mpclmul)
  foreach(source IN LISTS sodium_sources)
    get_filename_component(name ${source} NAME)
    set(flags "")
    if(name STREQUAL "runtime.c")
      set_source_files_properties(${source} PROPERTIES COMPILE_DEFINITIONS HAVE_AVX_ASM=1)
    elseif(name MATCHES "avx512f")
      set(flags ${avx512f})
    elseif(name MATCHES "avx2")
      set(flags ${avx2})
    elseif(name MATCHES "sse41")
      set(flags ${sse41})
    elseif(name MATCHES "ssse3")
      set(flags ${ssse3})
    elseif(name MATCHES "aesni")
      set(flags ${aesni})
    elseif(name MATCHES "sse2?(\\.c|_)" OR source MATCHES "/sse2?/")
      set(flags ${sse2})
    endif()
    if(flags)
      set_source_files_properties(${source} PROPERTIES COMPILE_OPTIONS "${flags}")
    endif()
  endforeach()
endif()

target_link_libraries(confidant_dep_sodium PUBLIC Threads::Threads)
