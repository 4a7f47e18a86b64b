# The web app: this same source tree configured with Emscripten's toolchain as an
# ExternalProject, so one `cmake --build` makes it. Its output (index.html, callboard.js,
# callboard.wasm) is embedded into the server binary by cmake/EmbedAssets.cmake.
include(ExternalProject)
set(CB_WEB_OUT ${CMAKE_BINARY_DIR}/web-out)
set(CB_WEB_FILES)
set(CB_WASM_UNIT_TESTS ${CMAKE_BINARY_DIR}/web-build/tests/wasm/cb_unit_tests_wasm.js)
if(CALLBOARD_WEB)
  set(CB_WEB_FILES ${CB_WEB_OUT}/index.html ${CB_WEB_OUT}/callboard.js ${CB_WEB_OUT}/callboard.wasm)
  find_file(CB_EMSCRIPTEN_TOOLCHAIN Emscripten.cmake
            PATHS /usr/share/emscripten/cmake/Modules/Platform NO_DEFAULT_PATH REQUIRED)
  ExternalProject_Add(web_app
    SOURCE_DIR ${CMAKE_SOURCE_DIR}
    BINARY_DIR ${CMAKE_BINARY_DIR}/web-build
    CMAKE_ARGS
      -DCMAKE_TOOLCHAIN_FILE=${CB_EMSCRIPTEN_TOOLCHAIN}
      -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
      -DCALLBOARD_DEPS_DIR=${CALLBOARD_DEPS_DIR}
      -DCB_WEB_OUT=${CB_WEB_OUT}
      -DCB_FONT_DIR=${CB_FONT_DIR}
      -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node$<SEMICOLON>--no-experimental-fetch
    BUILD_ALWAYS ON
    INSTALL_COMMAND ""
    BUILD_BYPRODUCTS ${CB_WEB_FILES} ${CB_WASM_UNIT_TESTS}
    DEPENDS cb_fonts)
endif()
