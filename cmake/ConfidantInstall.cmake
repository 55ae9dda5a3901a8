# `cmake --install` for app teams: the public headers, the C++ libraries
# (static `confidant`, shared `confidant_shared` named libconfidant.so), the
# C ABI library (`confidant_c`), a CMake package (find_package(Confidant):
# Confidant::confidant, Confidant::confidant_shared, Confidant::confidant_c)
# with its version file, and pkg-config files (confidant, confidant-c).
# Nothing else is installed: not the tests, samples, tools or benchmarks,
# not the internal headers of sdk/, and not the brand's side (brand.hpp and
# confidant_brand, which no app links). tests/install checks all of it.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(CONFIDANT_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/Confidant"
    CACHE STRING "Where the CMake package files go, relative to the prefix")
mark_as_advanced(CONFIDANT_INSTALL_CMAKEDIR)

# ============================================================================
# Dependencies: what a consumer of the installed libraries must find again.
# The one place that knows how the SDK got its dependencies
# (CONFIDANT_DEPS, cmake/ConfidantDeps.cmake):
#  - system: Debian's -dev packages through pkg-config, so the static
#    library's link interface names PkgConfig::SQLITE3, PkgConfig::SODIUM and
#    PkgConfig::PROTOBUF_LITE: the package makes those targets again on the
#    consumer's machine (cmake/install/ConfidantDependencies-system.cmake,
#    installed as ConfidantDependencies.cmake), and confidant.pc requires
#    their modules.
#  - bundled: libconfidant.a holds SQLite's, libsodium's and Protobuf Lite's
#    objects itself, so its link interface is the C library's threads and
#    math alone (ConfidantDependencies-bundled.cmake) and confidant.pc
#    requires no module. An app that links its own SQLite, libsodium or
#    protobuf statically as well gets duplicate symbols: it links the
#    shared libconfidant.so or libconfidant_c.so instead, which hide theirs.
# The shared libraries resolve their dependencies themselves and need none
# of this.
set(confidant_dependencies_file ${CMAKE_CURRENT_LIST_DIR}/install/ConfidantDependencies-${CONFIDANT_DEPS}.cmake)
if(CONFIDANT_DEPS STREQUAL "system")
  set(confidant_pc_requires_private "sqlite3 libsodium protobuf-lite")
  set(confidant_pc_libs_private "${CMAKE_THREAD_LIBS_INIT}")
else()
  set(confidant_pc_requires_private "")
  string(STRIP "${CMAKE_THREAD_LIBS_INIT} -lm" confidant_pc_libs_private)
endif()
# ============================================================================

# Headers: every public one except the brand's, whose library is not shipped.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/confidant
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp" PATTERN "brand.hpp" EXCLUDE)

install(TARGETS confidant confidant_shared confidant_c
        EXPORT ConfidantTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT ConfidantTargets
        NAMESPACE Confidant::
        FILE ConfidantTargets.cmake
        DESTINATION ${CONFIDANT_INSTALL_CMAKEDIR})

# The package: relocatable (paths relative to where it is installed), and
# compatible within a minor version while the API is 0.x.
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/install/ConfidantConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/install/ConfidantConfig.cmake
                              INSTALL_DESTINATION ${CONFIDANT_INSTALL_CMAKEDIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/install/ConfidantConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION}
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/install/ConfidantConfig.cmake
              ${PROJECT_BINARY_DIR}/install/ConfidantConfigVersion.cmake
        DESTINATION ${CONFIDANT_INSTALL_CMAKEDIR})
install(FILES ${confidant_dependencies_file}
        DESTINATION ${CONFIDANT_INSTALL_CMAKEDIR}
        RENAME ConfidantDependencies.cmake)

# pkg-config files, relocatable too: their prefix is found from where the
# .pc file lies (${pcfiledir}), so `cmake --install --prefix` anywhere works.
# An absolute libdir or includedir is written as it is.
set(confidant_pc_dir "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(confidant_pc_prefix "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH confidant_pc_up "/prefix/${confidant_pc_dir}" "/prefix")
  string(REGEX REPLACE "/$" "" confidant_pc_up "${confidant_pc_up}")
  set(confidant_pc_prefix "\${pcfiledir}/${confidant_pc_up}")
endif()
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(confidant_pc_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(confidant_pc_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
foreach(pc confidant confidant-c)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/install/${pc}.pc.in ${PROJECT_BINARY_DIR}/install/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/install/${pc}.pc DESTINATION ${confidant_pc_dir})
endforeach()

install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
