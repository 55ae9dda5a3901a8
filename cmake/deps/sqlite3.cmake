# Bundled SQLite (target confidant_dep_sqlite3): the amalgamation, made from
# the pinned source tree, compiled like the SDK and with only what the store
# and the collector use.
#
# Debian's tarball is SQLite's full source tree, not the one-file
# amalgamation; making sqlite3.c from it is SQLite's own `configure && make
# sqlite3.c`, run with the build machine's C compiler and tclsh. Its output
# is plain C that depends on no target, so it is made once per build tree
# and then compiled with the target's compiler like every other source.
include(CheckSymbolExists)

confidant_dep_unpack(SQLITE3 sqlite_src)

string(SUBSTRING ${CONFIDANT_DEP_SQLITE3_SHA256} 0 12 sqlite_short)
set(sqlite_gen ${CMAKE_BINARY_DIR}/_deps/sqlite3-amalgamation-${sqlite_short})
if(NOT EXISTS ${sqlite_gen}/sqlite3.c OR NOT EXISTS ${sqlite_gen}/sqlite3.h)
  # Build-machine tools, never the target's (a cross toolchain's root path
  # does not apply to them).
  find_program(CONFIDANT_TCLSH NAMES tclsh tclsh8.6 NO_CMAKE_FIND_ROOT_PATH)
  find_program(CONFIDANT_HOST_CC NAMES cc gcc clang NO_CMAKE_FIND_ROOT_PATH)
  find_program(CONFIDANT_HOST_MAKE NAMES make gmake NO_CMAKE_FIND_ROOT_PATH)
  foreach(tool CONFIDANT_TCLSH CONFIDANT_HOST_CC CONFIDANT_HOST_MAKE)
    if(NOT ${tool})
      message(FATAL_ERROR "Confidant deps: making SQLite's amalgamation needs tclsh (Debian: tcl), a C compiler "
                          "and make for the build machine; ${tool} not found")
    endif()
  endforeach()
  set(work ${CMAKE_BINARY_DIR}/_deps/sqlite3-generate)
  file(REMOVE_RECURSE ${work})
  file(MAKE_DIRECTORY ${work})
  message(STATUS "Confidant deps: making SQLite ${CONFIDANT_DEP_SQLITE3_VERSION}'s amalgamation")
  # The environment is reset so that a cross compiler or target flags in
  # CC/CFLAGS never reach the generator's helper programs.
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env CC=${CONFIDANT_HOST_CC} CFLAGS=-O0 CPPFLAGS= LDFLAGS= LIBS=
            TCLSH_CMD=${CONFIDANT_TCLSH}
            sh ${sqlite_src}/configure --disable-tcl --disable-readline --disable-load-extension
    WORKING_DIRECTORY ${work} RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
  if(rc EQUAL 0)
    execute_process(COMMAND ${CONFIDANT_HOST_MAKE} sqlite3.c TCLSH_CMD=${CONFIDANT_TCLSH}
                    WORKING_DIRECTORY ${work} RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
  endif()
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "Confidant deps: making sqlite3.c failed in ${work}:\n${log}")
  endif()
  file(MAKE_DIRECTORY ${sqlite_gen})
  file(COPY ${work}/sqlite3.c ${work}/sqlite3.h DESTINATION ${sqlite_gen})
  file(REMOVE_RECURSE ${work})
endif()

add_library(confidant_dep_sqlite3 OBJECT ${sqlite_gen}/sqlite3.c)
target_include_directories(confidant_dep_sqlite3 SYSTEM PUBLIC ${sqlite_gen})
# Not exported from any shared library we ship: an app's own SQLite (or the
# OS's) never binds to ours, nor ours to it.
set_target_properties(confidant_dep_sqlite3 PROPERTIES C_VISIBILITY_PRESET hidden)
target_compile_options(confidant_dep_sqlite3 PRIVATE -w)

# What the store needs and nothing more (docs/building.md lists why):
#  - THREADSAFE=2: mutexes compiled in, each connection used by one thread
#    at a time (the store opens with SQLITE_OPEN_NOMUTEX); FULLMUTEX still
#    works for the collector's shared connection.
#  - TEMP_STORE=2: temporary tables, sorts and indices in memory unless a
#    connection asks for files (the store never does; its VFS refuses them,
#    and tests/store/plaintext_at_rest_test.cpp asks for one to check that
#    refusal, so the request must stay possible: not TEMP_STORE=3).
#  - MAX_MMAP_SIZE=0: the store never maps its encrypted files.
#  - SECURE_DELETE: deleted rows are zeroed inside the (encrypted) pages,
#    as Debian's build does; forget and withdrawal rely on that behaviour.
#  - No run-time extension loading, no JSON, no shared cache, no
#    deprecated interfaces, no memory statistics, no double-quoted strings.
target_compile_definitions(confidant_dep_sqlite3 PRIVATE
  SQLITE_THREADSAFE=2
  SQLITE_TEMP_STORE=2
  SQLITE_DEFAULT_MEMSTATUS=0
  SQLITE_MAX_MMAP_SIZE=0
  SQLITE_SECURE_DELETE
  SQLITE_DQS=0
  SQLITE_LIKE_DOESNT_MATCH_BLOBS
  SQLITE_OMIT_LOAD_EXTENSION
  SQLITE_OMIT_JSON
  SQLITE_OMIT_SHARED_CACHE
  SQLITE_OMIT_DEPRECATED
  SQLITE_OMIT_PROGRESS_CALLBACK
  SQLITE_OMIT_TCL_VARIABLE)

# Platform functions SQLite uses when told they exist (it falls back to
# coarser ones otherwise: whole-second sleeps without usleep).
foreach(check "usleep;unistd.h" "fdatasync;unistd.h" "localtime_r;time.h" "gmtime_r;time.h")
  list(GET check 0 symbol)
  list(GET check 1 header)
  string(TOUPPER ${symbol} upper)
  check_symbol_exists(${symbol} ${header} CONFIDANT_SQLITE_HAVE_${upper})
  if(CONFIDANT_SQLITE_HAVE_${upper})
    target_compile_definitions(confidant_dep_sqlite3 PRIVATE HAVE_${upper}=1)
  endif()
endforeach()

target_link_libraries(confidant_dep_sqlite3 PUBLIC Threads::Threads $<$<BOOL:${UNIX}>:m>)
