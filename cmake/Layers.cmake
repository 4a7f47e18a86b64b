# Layers that only point down, enforced by the compiler (docs/architecture.md, "Layers").
#
# No library puts the repository root (or app/, or server/) on its include path. Each gets an
# include view instead: a folder in the build tree holding symbolic links to the source folders
# it may see, its own and those of the layers below it. An #include of a layer above does not
# resolve ("No such file or directory") and the build fails. Views are made at configure time,
# for the native and the web build alike.

set(CB_VIEWS_DIR ${CMAKE_BINARY_DIR}/include_views)

# cb_include_view(<view> <link>=<source folder> ...): makes ${CB_VIEWS_DIR}/<view> with one
# symbolic link per pair (e.g. server/store=${CMAKE_SOURCE_DIR}/server/store) and sets
# CB_VIEW_<view> to it in the caller's scope. Made afresh at every configure.
function(cb_include_view view)
  set(dir ${CB_VIEWS_DIR}/${view})
  file(REMOVE_RECURSE ${dir})  # removes the links, never what they point to
  foreach(pair IN LISTS ARGN)
    string(FIND "${pair}" "=" eq)
    string(SUBSTRING "${pair}" 0 ${eq} link)
    math(EXPR from "${eq} + 1")
    string(SUBSTRING "${pair}" ${from} -1 target)
    if(NOT IS_DIRECTORY "${target}")
      message(FATAL_ERROR "include view ${view}: ${target} is not a folder")
    endif()
    get_filename_component(parent ${dir}/${link} DIRECTORY)
    file(MAKE_DIRECTORY ${parent})
    file(CREATE_LINK ${target} ${dir}/${link} SYMBOLIC)
  endforeach()
  set(CB_VIEW_${view} ${dir} PARENT_SCOPE)
endfunction()

# cb_layer_sources(<var> <folder>): the .cpp files of one source folder (not its subfolders
# unless RECURSE is given), re-globbed when files are added or removed.
function(cb_layer_sources var folder)
  if("RECURSE" IN_LIST ARGN)
    file(GLOB_RECURSE found CONFIGURE_DEPENDS ${folder}/*.cpp)
  else()
    file(GLOB found CONFIGURE_DEPENDS ${folder}/*.cpp)
  endif()
  set(${var} ${found} PARENT_SCOPE)
endfunction()

# A second rule the views cannot enforce: a quoted include is looked up next to the including
# file first, so `#include "../http/routes.h"` would reach around a view. cmake/check_includes.py
# fails the build on an include that climbs out of its folder ("..") or names an absolute path.
# cb_check_includes(<target> <folder>...) checks every .h and .cpp under the folders.
function(cb_check_includes target)
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${target}.stamp)
  set(patterns)
  set(folders)
  foreach(folder IN LISTS ARGN)
    get_filename_component(folder ${folder} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND folders ${folder})
    list(APPEND patterns ${folder}/*.h ${folder}/*.cpp)
  endforeach()
  file(GLOB_RECURSE checked CONFIGURE_DEPENDS ${patterns})
  add_custom_command(OUTPUT ${stamp}
    COMMAND Python3::Interpreter ${CMAKE_SOURCE_DIR}/cmake/check_includes.py --root ${CMAKE_SOURCE_DIR}
            --stamp ${stamp} ${folders}
    DEPENDS ${checked} ${CMAKE_SOURCE_DIR}/cmake/check_includes.py
    COMMENT "Checking that includes stay inside their layers" VERBATIM)
  add_custom_target(${target} ALL DEPENDS ${stamp})
endfunction()
