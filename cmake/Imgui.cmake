# Dear ImGui from Debian's source package (scripts/setup.sh unpacks it into CALLBOARD_DEPS_DIR).
# The same sources build the desktop app and the web app.
add_library(cb_imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp
  ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp)
target_include_directories(cb_imgui SYSTEM PUBLIC ${IMGUI_DIR})
target_compile_definitions(cb_imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)

# GLFW + OpenGL3 backend: desktop uses system GLFW, the web uses Emscripten's built-in GLFW
# with WebGL2 (OpenGL ES 3).
add_library(cb_imgui_backend STATIC
  ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(cb_imgui_backend SYSTEM PUBLIC ${IMGUI_DIR}/backends)
target_link_libraries(cb_imgui_backend PUBLIC cb_imgui)
if(EMSCRIPTEN)
  target_compile_definitions(cb_imgui_backend PUBLIC IMGUI_IMPL_OPENGL_ES3)
  target_compile_options(cb_imgui_backend PUBLIC -sUSE_GLFW=3)
else()
  pkg_check_modules(GLFW3 REQUIRED IMPORTED_TARGET glfw3)
  find_package(OpenGL REQUIRED)
  target_link_libraries(cb_imgui_backend PUBLIC PkgConfig::GLFW3 OpenGL::GL ${CMAKE_DL_LIBS})
endif()
