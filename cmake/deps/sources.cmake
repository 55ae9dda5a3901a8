# Where the bundled dependencies' sources come from, and the check that
# they are the pinned ones (cmake/deps/pins.cmake).
#
#   confidant_dep_unpack(NAME OUT_DIR)
#
# finds NAME's tarball, refuses it unless its SHA-256 is the pinned one, and
# unpacks it once into the build tree, setting OUT_DIR to the unpacked
# folder. The tarball comes from CONFIDANT_DEPS_DIR when that is set (cache
# variable, or the environment variable of the same name), else from
# tools/deps/fetch_sources.sh, which downloads Debian's source packages into
# the build tree. Nothing fetched is ever written to the source tree.
include(${CMAKE_CURRENT_LIST_DIR}/pins.cmake)

set(CONFIDANT_DEPS_DIR "$ENV{CONFIDANT_DEPS_DIR}" CACHE PATH
    "Folder holding the bundled dependencies' tarballs (cmake/deps/pins.cmake); empty: fetch them with apt-get source")
set(confidant_deps_pins ${CMAKE_CURRENT_LIST_DIR}/pins.cmake)
set(confidant_deps_work ${CMAKE_BINARY_DIR}/_deps)

# The folder the tarballs are read from; fetches them when we own it.
function(confidant_dep_tarball_dir out)
  if(CONFIDANT_DEPS_DIR)
    set(${out} ${CONFIDANT_DEPS_DIR} PARENT_SCOPE)
    return()
  endif()
  set(dir ${confidant_deps_work}/download)
  set(packages "")
  foreach(name IN LISTS CONFIDANT_DEP_NAMES)
    if(NOT EXISTS ${dir}/${CONFIDANT_DEP_${name}_FILE})
      list(APPEND packages ${CONFIDANT_DEP_${name}_PACKAGE})
    endif()
  endforeach()
  if(packages)
    message(STATUS "Confidant deps: fetching Debian source packages ${packages} into ${dir}")
    execute_process(COMMAND bash ${PROJECT_SOURCE_DIR}/tools/deps/fetch_sources.sh ${dir} ${packages}
                    RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "Confidant deps: fetching the sources failed:\n${log}")
    endif()
  endif()
  set(${out} ${dir} PARENT_SCOPE)
endfunction()

function(confidant_dep_unpack name out)
  confidant_dep_tarball_dir(dir)
  set(file ${CONFIDANT_DEP_${name}_FILE})
  set(tarball ${dir}/${file})
  if(NOT EXISTS ${tarball})
    message(FATAL_ERROR "Confidant deps: ${tarball} not found. CONFIDANT_DEPS_DIR must hold the tarballs "
                        "that ${confidant_deps_pins} names (tools/deps/fetch_sources.sh <dir> "
                        "${CONFIDANT_DEP_${name}_PACKAGE} downloads this one), or be empty to fetch them.")
  endif()
  # Checked on every configure, before anything is read from the tarball.
  file(SHA256 ${tarball} actual)
  set(pinned ${CONFIDANT_DEP_${name}_SHA256})
  if(NOT actual STREQUAL pinned)
    message(FATAL_ERROR "Confidant deps: ${tarball} has SHA-256 ${actual}, but ${confidant_deps_pins} pins "
                        "${file} to ${pinned}. Refusing to build from it.")
  endif()

  # One folder per pinned digest, so a changed pin never reuses old sources.
  string(SUBSTRING ${pinned} 0 12 short)
  set(unpacked ${confidant_deps_work}/src/${name}-${short})
  set(top ${unpacked}/${CONFIDANT_DEP_${name}_TOPDIR})
  if(NOT EXISTS ${unpacked}/.unpacked)
    file(REMOVE_RECURSE ${unpacked})
    file(ARCHIVE_EXTRACT INPUT ${tarball} DESTINATION ${unpacked})
    if(NOT IS_DIRECTORY ${top})
      message(FATAL_ERROR "Confidant deps: ${file} did not unpack to ${CONFIDANT_DEP_${name}_TOPDIR}/ "
                          "(${confidant_deps_pins} names that folder)")
    endif()
    file(TOUCH ${unpacked}/.unpacked)
  endif()
  set(${out} ${top} PARENT_SCOPE)
endfunction()
