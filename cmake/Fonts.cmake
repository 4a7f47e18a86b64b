# The UI font subset, generated at build time from Debian's fonts-noto-cjk (cmake/make_font.py):
# every character of the UI strings and the simulator's names, Latin, punctuation and the 3,755
# common Chinese characters. Produces ${CB_FONT_DIR}/font_data.cpp for the UI library of both
# targets.
set(CB_FONT_DIR ${CMAKE_BINARY_DIR}/font)
find_file(CB_NOTO_CJK NotoSansCJK-Regular.ttc PATHS /usr/share/fonts/opentype/noto NO_DEFAULT_PATH REQUIRED)
find_program(CB_PYFTSUBSET pyftsubset REQUIRED)
file(GLOB CB_FONT_TEXT_SOURCES CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/app/ui/*.h ${CMAKE_SOURCE_DIR}/app/ui/*.cpp
     ${CMAKE_SOURCE_DIR}/app/core/sim/*.h ${CMAKE_SOURCE_DIR}/app/core/sim/*.cpp)
add_custom_command(OUTPUT ${CB_FONT_DIR}/font_data.cpp ${CB_FONT_DIR}/callboard_font.otf
  COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/cmake/make_font.py ${CB_NOTO_CJK} ${CB_FONT_DIR} ${CB_FONT_TEXT_SOURCES}
  DEPENDS ${CMAKE_SOURCE_DIR}/cmake/make_font.py ${CB_FONT_TEXT_SOURCES}
  COMMENT "Subsetting Noto Sans CJK SC for the UI")
add_custom_target(cb_fonts DEPENDS ${CB_FONT_DIR}/font_data.cpp)
