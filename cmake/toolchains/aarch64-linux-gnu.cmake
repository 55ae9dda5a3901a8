# 64-bit ARM Linux (arm64, the ABI of Android's arm64-v8a), with Debian's
# crossbuild-essential-arm64; tests run under qemu-aarch64.
#   cmake --preset aarch64    (CMakePresets.json), or
#   cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake -DCONFIDANT_DEPS=bundled ...
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CONFIDANT_CROSS_TRIPLET aarch64-linux-gnu)
set(CONFIDANT_CROSS_QEMU qemu-aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
