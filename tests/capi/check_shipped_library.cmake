# Checks a shared library we ship inside apps, with readelf:
#  - every LOAD segment is aligned to a multiple of 16 KiB (Google Play's
#    rule for Android 15+, -z max-page-size=16384);
#  - with -DONLY_LIBC=ON (bundled builds of libconfidant_c.so): the library
#    needs nothing but the C library at run time (NEEDED lists only libc,
#    libm, libdl, libpthread or the dynamic loader), so SQLite, libsodium,
#    Protobuf and the C++ runtime are all inside it.
#
#   cmake -DREADELF=<readelf> -DLIBRARY=<lib.so> [-DONLY_LIBC=ON] -P check_shipped_library.cmake
foreach(var READELF LIBRARY)
  if(NOT ${var})
    message(FATAL_ERROR "check_shipped_library: ${var} not given")
  endif()
endforeach()

execute_process(COMMAND ${READELF} -lW ${LIBRARY} OUTPUT_VARIABLE segments RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "check_shipped_library: ${READELF} -l failed: ${err}")
endif()
# "  LOAD  0x000000 0x... 0x... 0x... 0x... R E 0x4000": the alignment is the last field.
string(REPLACE "\n" ";" lines "${segments}")
set(loads 0)
set(misaligned "")
foreach(line IN LISTS lines)
  if(line MATCHES "^ *LOAD .* (0x[0-9a-fA-F]+)$")
    math(EXPR loads "${loads} + 1")
    math(EXPR align "${CMAKE_MATCH_1}" OUTPUT_FORMAT DECIMAL)
    math(EXPR rest "${align} % 16384")
    if(align LESS 16384 OR NOT rest EQUAL 0)
      list(APPEND misaligned "${line}")
    endif()
  endif()
endforeach()
if(loads EQUAL 0)
  message(FATAL_ERROR "check_shipped_library: no LOAD segment in ${LIBRARY}:\n${segments}")
endif()
if(misaligned)
  list(JOIN misaligned "\n  " shown)
  message(FATAL_ERROR "check_shipped_library: LOAD segments of ${LIBRARY} not aligned to 16 KiB:\n  ${shown}")
endif()
message(STATUS "check_shipped_library: ${loads} LOAD segments, all aligned to 16 KiB")

if(ONLY_LIBC)
  execute_process(COMMAND ${READELF} -dW ${LIBRARY} OUTPUT_VARIABLE dynamic RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "check_shipped_library: ${READELF} -d failed: ${err}")
  endif()
  string(REGEX MATCHALL "\\(NEEDED\\)[^\n]*\\[[^]\n]+\\]" entries "${dynamic}")
  set(needed "")
  set(foreign "")
  foreach(entry IN LISTS entries)
    string(REGEX REPLACE ".*\\[([^]]+)\\]$" "\\1" name "${entry}")
    list(APPEND needed ${name})
    if(NOT name MATCHES "^(libc|libm|libdl|libpthread)\\.so(\\.[0-9]+)?$" AND NOT name MATCHES "^ld-")
      list(APPEND foreign ${name})
    endif()
  endforeach()
  if(foreign)
    message(FATAL_ERROR "check_shipped_library: ${LIBRARY} needs ${foreign} at run time "
                        "(NEEDED: ${needed}); a bundled build must need only the C library")
  endif()
  message(STATUS "check_shipped_library: NEEDED ${needed}: the C library only")
endif()
