# ctest's install/consumer (cmake -P): installs the current build into a
# fresh prefix and builds and runs tiny consumers against it the two ways an
# app would:
#   1. find_package(Confidant): a C++ program on Confidant::confidant
#      (static) and a C program on Confidant::confidant_c (consumer/);
#   2. pkg-config from the prefix (PKG_CONFIG_PATH): the C program with
#      confidant-c, the C++ program with confidant (the shared library) and
#      with `--static` confidant (libconfidant.a plus Requires.private).
# It also checks that the prefix holds exactly the files an app needs.
# Inputs (-D): BUILD_DIR, WORK, SOURCE_DIR, CONSUMER_DIR, LIBDIR and CMAKEDIR
# (relative to the prefix), BUILD_TYPE, VERSION, GENERATOR, MAKE_PROGRAM,
# C_COMPILER, CXX_COMPILER, PKG_CONFIG, FLAGS (the parent build's
# sanitizer flags, for compiling and linking) and DEPS (CONFIDANT_DEPS).
# A bundled build's libconfidant.a carries SQLite, libsodium and Protobuf
# Lite: its static consumers must load none of the system's copies.
cmake_minimum_required(VERSION 3.22)

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n  ${ARGN}\n${out}")
  endif()
  message(STATUS "${what}: ok")
endfunction()

# The output of a command, without its trailing newline.
function(output_of var what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n  ${ARGN}\n${err}")
  endif()
  set(${var} "${out}" PARENT_SCOPE)
endfunction()

set(prefix ${WORK}/prefix)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})

# ---- The prefix holds what an app needs and nothing else ----
file(GLOB headers RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/include/confidant/*)
list(REMOVE_ITEM headers include/confidant/brand.hpp)  # the brand's side is not shipped
string(TOLOWER "${BUILD_TYPE}" config)
if(config STREQUAL "")
  set(config noconfig)
endif()
set(expected ${headers}
    ${LIBDIR}/libconfidant.a ${LIBDIR}/libconfidant.so ${LIBDIR}/libconfidant_c.so
    ${CMAKEDIR}/ConfidantConfig.cmake ${CMAKEDIR}/ConfidantConfigVersion.cmake
    ${CMAKEDIR}/ConfidantDependencies.cmake ${CMAKEDIR}/ConfidantTargets.cmake
    ${CMAKEDIR}/ConfidantTargets-${config}.cmake
    ${LIBDIR}/pkgconfig/confidant.pc ${LIBDIR}/pkgconfig/confidant-c.pc
    share/doc/confidant/LICENSE)
file(GLOB_RECURSE installed LIST_DIRECTORIES false RELATIVE ${prefix} ${prefix}/*)
set(extra ${installed})
list(REMOVE_ITEM extra ${expected})
set(missing ${expected})
list(REMOVE_ITEM missing ${installed})
if(extra OR missing)
  list(JOIN extra "\n  " extra)
  list(JOIN missing "\n  " missing)
  message(FATAL_ERROR "the prefix is not what an app needs.\ninstalled but not expected:\n  ${extra}\n"
                      "expected but not installed:\n  ${missing}")
endif()
list(LENGTH installed count)
message(STATUS "prefix holds the ${count} expected files")

# ---- 1. find_package(Confidant) ----
set(flags_args "")
if(FLAGS)
  set(flags_args -DCMAKE_C_FLAGS=${FLAGS} -DCMAKE_CXX_FLAGS=${FLAGS} -DCMAKE_EXE_LINKER_FLAGS=${FLAGS})
endif()
set(cmake_build ${WORK}/cmake-consumer)
run("configure the find_package consumer"
    ${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${cmake_build} -G ${GENERATOR} -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}
    -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=${BUILD_TYPE}
    ${flags_args} -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DCONFIDANT_TEST_PREFIX=${prefix} -DCONFIDANT_EXPECTED_VERSION=${VERSION})
run("build the find_package consumer" ${CMAKE_COMMAND} --build ${cmake_build})
run("run the C++ consumer (find_package, Confidant::confidant)" ${cmake_build}/consumer_cpp ${WORK}/run-cmake-cpp)
run("run the C consumer (find_package, Confidant::confidant_c)" ${cmake_build}/consumer_c ${WORK}/run-cmake-c)

# ---- 2. pkg-config ----
set(ENV{PKG_CONFIG_PATH} ${prefix}/${LIBDIR}/pkgconfig)
output_of(versions "pkg-config --modversion" ${PKG_CONFIG} --modversion confidant confidant-c)
string(REPLACE "\n" ";" versions "${versions}")
if(NOT versions STREQUAL "${VERSION};${VERSION}")
  message(FATAL_ERROR "pkg-config reports versions '${versions}', expected ${VERSION} for both")
endif()
separate_arguments(flags UNIX_COMMAND "${FLAGS}")
# The shared libraries live in the prefix, not on the loader's path.
set(rpath -Wl,-rpath,${prefix}/${LIBDIR})
set(pc_build ${WORK}/pkg-config-consumer)
file(MAKE_DIRECTORY ${pc_build})

output_of(c_args "pkg-config confidant-c" ${PKG_CONFIG} --cflags --libs confidant-c)
separate_arguments(c_args UNIX_COMMAND "${c_args}")
run("build the C consumer (pkg-config confidant-c)"
    ${C_COMPILER} -std=c11 ${flags} -DCONFIDANT_EXPECTED_VERSION="${VERSION}" ${CONSUMER_DIR}/consumer.c ${c_args}
    ${rpath} -o ${pc_build}/consumer_c)
run("run the C consumer (pkg-config confidant-c)" ${pc_build}/consumer_c ${WORK}/run-pc-c)

output_of(cxx_cflags "pkg-config --cflags confidant" ${PKG_CONFIG} --cflags confidant)
separate_arguments(cxx_cflags UNIX_COMMAND "${cxx_cflags}")
run("compile the C++ consumer (pkg-config confidant)"
    ${CXX_COMPILER} -std=c++20 ${flags} ${cxx_cflags} -c ${CONSUMER_DIR}/consumer.cpp -o ${pc_build}/consumer.o)

output_of(shared_libs "pkg-config --libs confidant" ${PKG_CONFIG} --libs confidant)
separate_arguments(shared_libs UNIX_COMMAND "${shared_libs}")
run("link the C++ consumer (pkg-config confidant, shared)"
    ${CXX_COMPILER} ${flags} ${pc_build}/consumer.o ${shared_libs} ${rpath} -o ${pc_build}/consumer_cpp_shared)
output_of(needed "readelf -d" readelf -d ${pc_build}/consumer_cpp_shared)
if(NOT needed MATCHES "\\[libconfidant\\.so\\]")
  message(FATAL_ERROR "the pkg-config C++ consumer does not load libconfidant.so:\n${needed}")
endif()
run("run the C++ consumer (pkg-config confidant, shared)" ${pc_build}/consumer_cpp_shared ${WORK}/run-pc-shared)

# --static lists what libconfidant.a needs (Requires.private, Libs.private);
# naming the archive itself takes it over the shared library beside it.
output_of(static_libs "pkg-config --static --libs confidant" ${PKG_CONFIG} --static --libs confidant)
separate_arguments(static_libs UNIX_COMMAND "${static_libs}")
list(TRANSFORM static_libs REPLACE "^-lconfidant$" "${prefix}/${LIBDIR}/libconfidant.a")
run("link the C++ consumer (pkg-config --static confidant)"
    ${CXX_COMPILER} ${flags} ${pc_build}/consumer.o ${static_libs} -o ${pc_build}/consumer_cpp_static)
run("run the C++ consumer (pkg-config --static confidant)" ${pc_build}/consumer_cpp_static ${WORK}/run-pc-static)

# ---- Where the static consumers' SQLite, libsodium and protobuf come from ----
foreach(program ${cmake_build}/consumer_cpp ${pc_build}/consumer_cpp_static)
  output_of(needed "readelf -d" readelf -d ${program})
  if(DEPS STREQUAL "bundled" AND needed MATCHES "\\[lib(sqlite3|sodium|protobuf)[^]]*\\]")
    message(FATAL_ERROR "${program} loads a system library although libconfidant.a bundles it:\n${needed}")
  elseif(DEPS STREQUAL "system" AND NOT needed MATCHES "\\[libsqlite3\\.so[^]]*\\]")
    message(FATAL_ERROR "${program} does not load the system's libsqlite3:\n${needed}")
  endif()
endforeach()
message(STATUS "the static consumers take SQLite, libsodium and protobuf from: ${DEPS}")

file(REMOVE_RECURSE ${WORK})
message(STATUS "install/consumer: every consumer built and passed")
