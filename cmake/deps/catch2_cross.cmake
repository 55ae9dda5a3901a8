# Catch2 v2 for a cross build: the target Catch2::Catch2 over the build
# machine's catch2/catch.hpp alone, plus Catch's CMake module
# (catch_discover_tests, which runs the tests through
# CMAKE_CROSSCOMPILING_EMULATOR).
#
# Debian's Catch2 package config would put /usr/include on the include path
# of target code, where the build machine's C library headers live; so the
# header is copied into the build tree and only that folder is used.
find_path(CONFIDANT_CATCH2_INCLUDE catch2/catch.hpp PATHS /usr/include /usr/local/include
          NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
find_path(CONFIDANT_CATCH2_CMAKE Catch.cmake PATHS /usr/lib/cmake/Catch2 /usr/local/lib/cmake/Catch2
          /usr/share/Catch2/cmake NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
if(NOT CONFIDANT_CATCH2_INCLUDE OR NOT CONFIDANT_CATCH2_CMAKE)
  message(FATAL_ERROR "Cross-built tests need Catch2 v2's catch2/catch.hpp and Catch.cmake of the build "
                      "machine (Debian: catch2)")
endif()
set(catch2_copy ${CMAKE_BINARY_DIR}/_deps/catch2/include)
configure_file(${CONFIDANT_CATCH2_INCLUDE}/catch2/catch.hpp ${catch2_copy}/catch2/catch.hpp COPYONLY)
add_library(Catch2::Catch2 INTERFACE IMPORTED)
set_target_properties(Catch2::Catch2 PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${catch2_copy})
list(APPEND CMAKE_MODULE_PATH ${CONFIDANT_CATCH2_CMAKE})
