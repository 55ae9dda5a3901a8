# Fails unless libconfidant_c.so exports exactly the functions confidant.h
# declares: nothing outside the `confidant_` prefix (no C++ core, no
# libstdc++ inlines, no SQLite or libsodium), and nothing declared missing.
#
#   cmake -DNM=<nm> -DLIBRARY=<libconfidant_c.so> -DHEADER=<confidant.h> -P check_exports.cmake
foreach(var NM LIBRARY HEADER)
  if(NOT ${var})
    message(FATAL_ERROR "check_exports: ${var} not given")
  endif()
endforeach()

execute_process(COMMAND ${NM} -D --defined-only ${LIBRARY}
                OUTPUT_VARIABLE listing RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "check_exports: ${NM} failed: ${err}")
endif()

# Lines read "<address> <type> <name>"; the name is the last field.
string(REPLACE "\n" ";" lines "${listing}")
set(exported "")
set(strays "")
foreach(line IN LISTS lines)
  if(line MATCHES "([^ \t]+)$")
    set(name "${CMAKE_MATCH_1}")
    if(name MATCHES "^confidant_")
      list(APPEND exported "${name}")
    else()
      list(APPEND strays "${line}")
    endif()
  endif()
endforeach()
if(strays)
  list(JOIN strays "\n  " shown)
  message(FATAL_ERROR "check_exports: symbols outside confidant_*:\n  ${shown}")
endif()

# Every declaration in the header starts with CONFIDANT_C_API and names the
# function right before its first '('.
file(READ ${HEADER} header)
string(REGEX MATCHALL "\nCONFIDANT_C_API[^;(]*\\(" declarations "${header}")
set(declared "")
foreach(declaration IN LISTS declarations)
  if(declaration MATCHES "(confidant_[a-z0-9_]+)\\($")
    list(APPEND declared "${CMAKE_MATCH_1}")
  endif()
endforeach()
list(LENGTH declared declared_count)
if(declared_count EQUAL 0)
  message(FATAL_ERROR "check_exports: found no declarations in ${HEADER}")
endif()

set(missing ${declared})
list(REMOVE_ITEM missing ${exported})
set(undeclared ${exported})
list(REMOVE_ITEM undeclared ${declared})
if(missing OR undeclared)
  message(FATAL_ERROR "check_exports: declared but not exported: ${missing}; exported but not declared: ${undeclared}")
endif()
list(LENGTH exported exported_count)
message(STATUS "check_exports: ${exported_count} symbols, all confidant_*, all declared in confidant.h")
