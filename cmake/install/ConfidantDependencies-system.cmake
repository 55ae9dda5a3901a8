# Installed as ConfidantDependencies.cmake (cmake/ConfidantInstall.cmake):
# the dependencies of the static Confidant::confidant, taken from the system
# as the SDK's own build took them: through pkg-config, as the imported
# targets its link interface names (PkgConfig::SQLITE3, PkgConfig::SODIUM,
# PkgConfig::PROTOBUF_LITE). A consumer that made those targets itself keeps
# its own. pkg_check_modules also sets its usual SQLITE3_* (etc.) variables
# in the caller's scope.
find_dependency(Threads)
find_dependency(PkgConfig)

set(_confidant_pkg_quiet "")
if(Confidant_FIND_QUIETLY)
  set(_confidant_pkg_quiet QUIET)
endif()
foreach(_confidant_dep IN ITEMS "SQLITE3 sqlite3" "SODIUM libsodium" "PROTOBUF_LITE protobuf-lite")
  separate_arguments(_confidant_dep)
  list(GET _confidant_dep 0 _confidant_prefix)
  list(GET _confidant_dep 1 _confidant_module)
  if(NOT TARGET PkgConfig::${_confidant_prefix})
    pkg_check_modules(${_confidant_prefix} ${_confidant_pkg_quiet} IMPORTED_TARGET ${_confidant_module})
    if(NOT TARGET PkgConfig::${_confidant_prefix})
      set(Confidant_FOUND FALSE)
      set(Confidant_NOT_FOUND_MESSAGE
          "Confidant needs the pkg-config module '${_confidant_module}' (its -dev package), which was not found")
      break()
    endif()
  endif()
endforeach()
unset(_confidant_pkg_quiet)
unset(_confidant_dep)
unset(_confidant_prefix)
unset(_confidant_module)
