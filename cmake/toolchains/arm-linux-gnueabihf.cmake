# 32-bit ARM Linux, hard float (armhf: ARMv7-A, Thumb-2, VFPv3-D16; the ABI
# family of Android's armeabi-v7a), with Debian's crossbuild-essential-armhf;
# tests run under qemu-arm.
#   cmake --preset armhf    (CMakePresets.json), or
#   cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/arm-linux-gnueabihf.cmake -DCONFIDANT_DEPS=bundled ...
#
# 64-bit file offsets (SQLite's files may pass 2 GiB), but time_t stays
# 32 bits (no _TIME_BITS=64): 32-bit Android has a 32-bit time_t and no way
# to change it, so the tests here must pass with one, and any code that
# routes a time through time_t shows up as a failure past 2038.
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CONFIDANT_CROSS_TRIPLET arm-linux-gnueabihf)
set(CONFIDANT_CROSS_QEMU qemu-arm)
#
# -Wno-psabi: GCC notes at every std::map/std::pair of 64-bit values that
# their parameter passing changed in GCC 7.1; everything here is compiled by
# one GCC, so the note says nothing and buries real diagnostics.
set(CMAKE_C_FLAGS_INIT "-D_FILE_OFFSET_BITS=64")
set(CMAKE_CXX_FLAGS_INIT "-D_FILE_OFFSET_BITS=64 -Wno-psabi")
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
