# confidant_shipped_library(TARGET [STATIC_RUNTIME])
#
# Link options for a shared library that ships inside apps
# (libconfidant_c.so, libconfidant.so, the JNI glue):
#  - LOAD segments aligned to 16 KiB (-z max-page-size=16384): Google Play
#    requires it of native libraries in apps for Android 15 and later, where
#    devices may run 16 KiB pages. It costs at most some padding and loads
#    on 4 KiB-page systems as before, so every ELF build does it and ctest
#    checks it (capi/shipped_library).
#  - STATIC_RUNTIME, in bundled builds (CONFIDANT_DEPS=bundled): the C++
#    runtime linked in (-static-libstdc++ -static-libgcc), so the library
#    needs nothing at run time but the C library. Only for a library whose
#    interface is C (libconfidant_c.so: its version script keeps every
#    runtime symbol local); a C++ interface must share the app's runtime.
#    Android builds get the same from ANDROID_STL=c++_static, and Apple's
#    C++ runtime is part of the OS, so neither takes these flags.
function(confidant_shipped_library target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "STATIC_RUNTIME" "" "")
  if(NOT APPLE)
    target_link_options(${target} PRIVATE "LINKER:-z,max-page-size=16384")
  endif()
  if(arg_STATIC_RUNTIME AND CONFIDANT_DEPS STREQUAL "bundled" AND NOT APPLE AND NOT ANDROID)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  endif()
endfunction()
