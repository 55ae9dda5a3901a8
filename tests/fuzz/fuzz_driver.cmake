# Runs one libFuzzer target for ctest (tests/fuzz/CMakeLists.txt):
#   cmake -DMODE=replay|brief -DFUZZER=exe -DCORPUS=dir -DSCRATCH=dir [-DSECONDS=n] -P fuzz_driver.cmake
# replay: every file of CORPUS once, passed by name, so libFuzzer only
#         executes them (it writes nothing into CORPUS).
# brief:  fuzzes for SECONDS on SCRATCH/corpus, a fresh copy of CORPUS.
# Artifacts (crash-*, timeout-*, oom-*) go to SCRATCH/<mode>-artifacts/.
# A dictionary tests/fuzz/<target>.dict, when present, is passed with -dict.
foreach(required MODE FUZZER CORPUS SCRATCH)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "fuzz_driver.cmake: -D${required}=... is required")
  endif()
endforeach()

get_filename_component(target_dir ${CORPUS} NAME)
get_filename_component(source_dir ${CORPUS} DIRECTORY)
set(dictionary ${source_dir}/${target_dir}.dict)
set(artifacts ${SCRATCH}/${MODE}-artifacts)
file(REMOVE_RECURSE ${artifacts})
file(MAKE_DIRECTORY ${artifacts})

set(options -rss_limit_mb=2048 -timeout=10 -artifact_prefix=${artifacts}/)
if(EXISTS ${dictionary})
  list(APPEND options -dict=${dictionary})
endif()

file(GLOB seeds LIST_DIRECTORIES false ${CORPUS}/*)
list(SORT seeds)

if(MODE STREQUAL "replay")
  list(LENGTH seeds count)
  if(count EQUAL 0)
    message(FATAL_ERROR "${CORPUS}: no seed files")
  endif()
  message(STATUS "replaying ${count} seeds of ${CORPUS}")
  execute_process(COMMAND ${FUZZER} ${options} ${seeds} RESULT_VARIABLE result)
elseif(MODE STREQUAL "brief")
  if(NOT DEFINED SECONDS)
    set(SECONDS 15)
  endif()
  set(scratch_corpus ${SCRATCH}/corpus)
  file(REMOVE_RECURSE ${scratch_corpus})
  file(MAKE_DIRECTORY ${scratch_corpus})
  if(seeds)
    file(COPY ${seeds} DESTINATION ${scratch_corpus})
  endif()
  message(STATUS "fuzzing ${FUZZER} for ${SECONDS} s on ${scratch_corpus}")
  execute_process(COMMAND ${FUZZER} ${options} -max_total_time=${SECONDS} -print_final_stats=1 ${scratch_corpus}
                  RESULT_VARIABLE result)
else()
  message(FATAL_ERROR "fuzz_driver.cmake: MODE must be replay or brief, got '${MODE}'")
endif()

if(NOT result EQUAL 0)
  file(GLOB found ${artifacts}/*)
  message(FATAL_ERROR "${FUZZER} failed (${result}); artifacts: ${found}")
endif()
