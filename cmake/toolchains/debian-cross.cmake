# Shared part of the Debian cross toolchain files (aarch64-linux-gnu.cmake,
# arm-linux-gnueabihf.cmake), which set CONFIDANT_CROSS_TRIPLET and
# CONFIDANT_CROSS_QEMU before including it.
#
# Compilers: Debian's crossbuild-essential-<arch> (<triplet>-gcc/g++), whose
# C library and headers live in /usr/<triplet>. Only that folder is searched
# for the target's libraries, headers and packages, never the build
# machine's /usr/lib or /usr/include; programs (protoc, tclsh, readelf)
# come from the build machine. pkg-config is pointed at the target's
# folders only, so no host .pc file leaks in.
#
# Tests run under qemu-user (package qemu-user): ctest, and Catch's test
# discovery at build time, start each test program through
# CMAKE_CROSSCOMPILING_EMULATOR, with -L telling qemu where the target's
# dynamic loader and C library are.
set(CMAKE_SYSTEM_NAME Linux)

set(CMAKE_C_COMPILER ${CONFIDANT_CROSS_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${CONFIDANT_CROSS_TRIPLET}-g++)

set(CMAKE_FIND_ROOT_PATH /usr/${CONFIDANT_CROSS_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/${CONFIDANT_CROSS_TRIPLET}/pkgconfig:/usr/${CONFIDANT_CROSS_TRIPLET}/lib/pkgconfig")

set(CMAKE_CROSSCOMPILING_EMULATOR ${CONFIDANT_CROSS_QEMU} -L /usr/${CONFIDANT_CROSS_TRIPLET})
