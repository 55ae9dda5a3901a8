# cmake -DHEADER=confidant.h -DMAPPING=ConfidantError.swift -P check_error_codes.cmake
# Fails unless every `CONFIDANT_CODE_NAME = number` line of the C header has
# its constant named in the Swift error mapping.
if(NOT EXISTS "${HEADER}" OR NOT EXISTS "${MAPPING}")
  message(FATAL_ERROR "usage: -DHEADER=<confidant.h> -DMAPPING=<ConfidantError.swift>")
endif()
file(STRINGS "${HEADER}" lines REGEX "^[ \t]*CONFIDANT_CODE_[A-Z0-9_]+[ \t]*=[ \t]*[0-9]+")
file(READ "${MAPPING}" swift)
set(count 0)
set(missing "")
foreach(line IN LISTS lines)
  string(REGEX MATCH "CONFIDANT_CODE_[A-Z0-9_]+" name "${line}")
  math(EXPR count "${count} + 1")
  # The Swift switch spells each case `.CONFIDANT_CODE_NAME:`; a name merely
  # mentioned in a comment does not count.
  string(FIND "${swift}" "case .${name}:" at)
  if(at EQUAL -1)
    list(APPEND missing ${name})
  endif()
endforeach()
if(count LESS 2)
  message(FATAL_ERROR "found ${count} CONFIDANT_CODE_* lines in ${HEADER}: has the format changed?")
endif()
if(missing)
  list(JOIN missing ", " text)
  message(FATAL_ERROR "not mapped in ${MAPPING}: ${text}")
endif()
message(STATUS "all ${count} error codes of confidant.h are mapped in Swift")
