# Where SQLite, libsodium and Protobuf Lite come from (CONFIDANT_DEPS):
#
#   system   the build machine's libraries through pkg-config (Debian's
#            libsqlite3-dev, libsodium-dev, libprotobuf-dev): the default,
#            for desktops, CI and tools.
#   bundled  built here from pinned sources (cmake/deps/pins.cmake) with the
#            SDK's compiler, flags and target, as static PIC code linked
#            into the libraries we ship: what phones and cross builds use,
#            where no system copy exists or can be relied on.
#
# Either way the rest of the build links the same three targets:
# confidant_dep_sqlite3, confidant_dep_sodium, confidant_dep_protobuf_lite.
# In bundled mode they are object libraries: linked directly, their objects
# go into that target (libconfidant.a, libconfidant.so, libconfidant_c.so,
# a test); linked through another library, only their headers.
set(CONFIDANT_DEPS system CACHE STRING "Where SQLite, libsodium and Protobuf Lite come from: system or bundled")
set_property(CACHE CONFIDANT_DEPS PROPERTY STRINGS system bundled)

find_package(Threads REQUIRED)
# pkg-config is needed for the system libraries only; the host tools
# (collector, curl transport, benchmarks) look up theirs with it too.
if(CONFIDANT_DEPS STREQUAL "system")
  find_package(PkgConfig REQUIRED)
else()
  find_package(PkgConfig)
endif()

if(CONFIDANT_DEPS STREQUAL "system")
  pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
  pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
  pkg_check_modules(PROTOBUF_LITE REQUIRED IMPORTED_TARGET protobuf-lite)
  foreach(dep "sqlite3;SQLITE3" "sodium;SODIUM" "protobuf_lite;PROTOBUF_LITE")
    list(GET dep 0 name)
    list(GET dep 1 module)
    add_library(confidant_dep_${name} INTERFACE)
    target_link_libraries(confidant_dep_${name} INTERFACE PkgConfig::${module})
  endforeach()
  set(CONFIDANT_DEPS_STATIC_INTERFACE PkgConfig::SQLITE3 PkgConfig::SODIUM PkgConfig::PROTOBUF_LITE Threads::Threads)
elseif(CONFIDANT_DEPS STREQUAL "bundled")
  include(${CMAKE_CURRENT_LIST_DIR}/deps/sources.cmake)
  include(${CMAKE_CURRENT_LIST_DIR}/deps/sqlite3.cmake)
  include(${CMAKE_CURRENT_LIST_DIR}/deps/sodium.cmake)
  include(${CMAKE_CURRENT_LIST_DIR}/deps/protobuf_lite.cmake)
  message(STATUS "Confidant deps: bundled SQLite ${CONFIDANT_DEP_SQLITE3_VERSION}, libsodium "
                 "${CONFIDANT_DEP_SODIUM_VERSION}, Protobuf Lite ${CONFIDANT_DEP_PROTOBUF_VERSION}")
  # Linked (in the build tree only) by the static library, whose archive
  # then holds their objects; an installed libconfidant.a needs nothing of
  # them but the C library's threads and math functions.
  set(CONFIDANT_DEPS_STATIC_INTERFACE $<BUILD_INTERFACE:confidant_dep_sqlite3> $<BUILD_INTERFACE:confidant_dep_sodium>
                                      $<BUILD_INTERFACE:confidant_dep_protobuf_lite> Threads::Threads)
  if(UNIX)
    list(APPEND CONFIDANT_DEPS_STATIC_INTERFACE m)
  endif()
else()
  message(FATAL_ERROR "CONFIDANT_DEPS is '${CONFIDANT_DEPS}': use system or bundled")
endif()
