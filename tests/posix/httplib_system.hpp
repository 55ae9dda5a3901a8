// cpp-httplib (Debian's libcpp-httplib-dev) included as a system header, so
// its own warnings do not fail our -Werror build.
#pragma once
#pragma GCC system_header
#include <httplib.h>
