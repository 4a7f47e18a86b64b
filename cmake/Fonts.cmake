# The UI font subset, generated at build time from Debian's fonts-noto-cjk (cmake/make_font.py).
# Produces ${CB_FONT_DIR}/font_data.cpp, compiled into the UI library of both targets.
set(CB_FONT_DIR ${CMAKE_BINARY_DIR}/font)
find_file(CB_NOTO_CJK NotoSansCJK-Regular.ttc PATHS /usr/share/fonts/opentype/noto NO_DEFAULT_PATH REQUIRED)
find_program(CB_PYFTSUBSET pyftsubset REQUIRED)
set(CB_UI_STRINGS ${CMAKE_SOURCE_DIR}/app/ui/i18n_strings.cpp)
add_custom_command(OUTPUT ${CB_FONT_DIR}/font_data.cpp ${CB_FONT_DIR}/callboard_font.otf
  COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/cmake/make_font.py ${CB_NOTO_CJK} ${CB_UI_STRINGS} ${CB_FONT_DIR}
  DEPENDS ${CMAKE_SOURCE_DIR}/cmake/make_font.py ${CB_UI_STRINGS}
  COMMENT "Subsetting Noto Sans CJK SC for the UI")
add_custom_target(cb_fonts DEPENDS ${CB_FONT_DIR}/font_data.cpp)
