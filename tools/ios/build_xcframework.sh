#!/usr/bin/env bash
# Builds CConfidant.xcframework: the C ABI (libconfidant_c, static) for iOS
# devices (arm64) and the simulator (arm64 + x86_64), with the header and a
# module map, for the binary variant of the Swift package
# (platform/ios/Package.swift with CONFIDANT_XCFRAMEWORK=1).
#
#   tools/ios/build_xcframework.sh [OUTPUT]   default: platform/ios/CConfidant.xcframework
#
# Needs macOS with Xcode (xcrun, libtool, xcodebuild), CMake, Ninja, tclsh,
# make, and protoc of the bundled protobuf release (3.21.12); the dependency
# tarballs in CONFIDANT_DEPS_DIR (apt-get is not there to fetch them:
# docs/building.md). It has never been run on the project's Linux machines,
# which have no Apple SDK.
#
# Each slice is a bundled build (CONFIDANT_DEPS=bundled: SQLite, libsodium,
# Protobuf Lite from the pinned sources) of the target confidant_c_static,
# -Os with dead-code sections. Its objects are then linked into one
# relocatable object that exports confidant_* only, so the SQLite,
# libsodium, protobuf and C++ symbols inside can never collide with an
# app's own (the app may link the system SQLite). Apple's C++ runtime is the
# system's libc++ (the module map links it).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-${root}/platform/ios/CConfidant.xcframework}
work=${root}/build/ios
: "${CONFIDANT_DEPS_DIR:?set CONFIDANT_DEPS_DIR to a folder holding the tarballs of cmake/deps/pins.cmake}"

# build_slice NAME SDK ARCH: build/ios/NAME/libconfidant_c.a for one architecture.
build_slice() {
  local name=$1 sdk=$2 arch=$3
  local dir=${work}/${name}
  cmake -S "${root}" -B "${dir}/build" -G Ninja \
    -DCMAKE_SYSTEM_NAME=iOS -DCMAKE_OSX_SYSROOT="${sdk}" -DCMAKE_OSX_ARCHITECTURES="${arch}" \
    -DCMAKE_OSX_DEPLOYMENT_TARGET=15.0 -DCMAKE_BUILD_TYPE=MinSizeRel \
    -DCONFIDANT_DEPS=bundled -DCONFIDANT_DEPS_DIR="${CONFIDANT_DEPS_DIR}" \
    -DCONFIDANT_BUILD_TESTS=OFF -DCONFIDANT_BUILD_BENCH=OFF -DCONFIDANT_HOST_TOOLS=OFF \
    "-DCMAKE_C_FLAGS=-ffunction-sections -fdata-sections" "-DCMAKE_CXX_FLAGS=-ffunction-sections -fdata-sections"
  cmake --build "${dir}/build" --target confidant_c_static
  rm -rf "${dir}/objects" && mkdir -p "${dir}/objects"
  (cd "${dir}/objects" && ar -x "${dir}/build/sdk/capi/libconfidant_c.a")
  xcrun -sdk "${sdk}" ld -r -arch "${arch}" -exported_symbol '_confidant_*' -dead_strip \
    -o "${dir}/confidant_c.o" "${dir}"/objects/*.o
  xcrun -sdk "${sdk}" libtool -static -o "${dir}/libconfidant_c.a" "${dir}/confidant_c.o"
}

build_slice ios-arm64 iphoneos arm64
build_slice sim-arm64 iphonesimulator arm64
build_slice sim-x86_64 iphonesimulator x86_64
mkdir -p "${work}/sim"
xcrun lipo -create -output "${work}/sim/libconfidant_c.a" \
  "${work}/sim-arm64/libconfidant_c.a" "${work}/sim-x86_64/libconfidant_c.a"

# The header and its module: `import CConfidant` in Swift.
headers=${work}/headers
rm -rf "${headers}" && mkdir -p "${headers}"
cp "${root}/include/confidant/confidant.h" "${headers}/"
cat >"${headers}/module.modulemap" <<'MAP'
module CConfidant {
    header "confidant.h"
    link "c++"
    export *
}
MAP

rm -rf "${out}"
xcodebuild -create-xcframework \
  -library "${work}/ios-arm64/libconfidant_c.a" -headers "${headers}" \
  -library "${work}/sim/libconfidant_c.a" -headers "${headers}" \
  -output "${out}"
echo "${out}"
