# Installed as ConfidantDependencies.cmake by a bundled build
# (CONFIDANT_DEPS=bundled, cmake/ConfidantInstall.cmake): libconfidant.a
# carries SQLite, libsodium and Protobuf Lite inside, so the static
# Confidant::confidant needs only the C library's threads (and libm, which
# its link interface names directly).
find_dependency(Threads)
