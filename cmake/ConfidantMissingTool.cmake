# confidant_missing_tool_test(<test> MISSING <tool>)
# confidant_missing_tool_test(<test> SKIP <why>)
#
# Registers <test> in place of a check that cannot run here, so the check is
# reported, never silently dropped. MISSING: this machine lacks a tool the
# check needs; the test fails, printing "<test>: not run: missing <tool>".
# SKIP: the check cannot run in this kind of build by design (a sanitized
# library that the JVM or the Swift test runner cannot load), nothing is
# missing; the test is reported as skipped ("SKIPPED: <test>: ..."). LABELS
# and other properties are the caller's to add.
include_guard(GLOBAL)

function(confidant_missing_tool_test test)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "MISSING;SKIP" "")
  if(arg_SKIP)
    set(text "SKIPPED: ${test}: not run in this build: ${arg_SKIP}")
  else()
    set(text "${test}: not run: missing ${arg_MISSING}")
  endif()
  add_test(NAME ${test}
           COMMAND ${CMAKE_COMMAND} "-DTEXT=${text}" -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/report_missing_tool.cmake)
  if(arg_SKIP)
    set_tests_properties(${test} PROPERTIES SKIP_REGULAR_EXPRESSION "SKIPPED: ")
  endif()
  message(STATUS "${text}")
endfunction()
