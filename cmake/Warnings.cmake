# Warning flags for Callboard's own code (third-party sources are compiled without them).
add_library(cb_warnings INTERFACE)
target_compile_options(cb_warnings INTERFACE -Wall -Wextra -Wshadow -Wno-unused-parameter)
