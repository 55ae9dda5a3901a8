# The exact sources of the bundled dependencies (CONFIDANT_DEPS=bundled).
#
# Each is Debian 12's original tarball of the release (`apt-get source
# --download-only <package>`, the file `<package>_<version>.orig.tar.*`),
# pinned by its SHA-256. A tarball whose digest differs is refused before
# anything is extracted from it. To move to another release, change the
# version, file and digest here together (docs/building.md says how).
#
# For each NAME: NAME_VERSION, NAME_FILE (the tarball), NAME_SHA256,
# NAME_PACKAGE (Debian's source package) and NAME_TOPDIR (the folder the
# tarball unpacks to).

set(CONFIDANT_DEP_SQLITE3_VERSION 3.40.1)
set(CONFIDANT_DEP_SQLITE3_PACKAGE sqlite3)
set(CONFIDANT_DEP_SQLITE3_FILE sqlite3_3.40.1.orig.tar.xz)
set(CONFIDANT_DEP_SQLITE3_SHA256 aaa776260ab4dc976db34aa7891819484c8676b5b2783123ebc6301e2ca5d655)
set(CONFIDANT_DEP_SQLITE3_TOPDIR sqlite3-3.40.1)

set(CONFIDANT_DEP_SODIUM_VERSION 1.0.18)
set(CONFIDANT_DEP_SODIUM_PACKAGE libsodium)
set(CONFIDANT_DEP_SODIUM_FILE libsodium_1.0.18.orig.tar.gz)
set(CONFIDANT_DEP_SODIUM_SHA256 d59323c6b712a1519a5daf710b68f5e7fde57040845ffec53850911f10a5d4f4)
set(CONFIDANT_DEP_SODIUM_TOPDIR libsodium-1.0.18)

set(CONFIDANT_DEP_PROTOBUF_VERSION 3.21.12)
set(CONFIDANT_DEP_PROTOBUF_PACKAGE protobuf)
set(CONFIDANT_DEP_PROTOBUF_FILE protobuf_3.21.12.orig.tar.gz)
set(CONFIDANT_DEP_PROTOBUF_SHA256 930c2c3b5ecc6c9c12615cf5ad93f1cd6e12d0aba862b572e076259970ac3a53)
set(CONFIDANT_DEP_PROTOBUF_TOPDIR protobuf-3.21.12)

set(CONFIDANT_DEP_NAMES SQLITE3 SODIUM PROTOBUF)
