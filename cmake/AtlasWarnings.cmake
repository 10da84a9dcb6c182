# Warnings for our own targets only (third-party headers are system includes).
function(atlas_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
                                             -Wpedantic -Wno-unused-parameter)
  endif()
endfunction()

# Hardening for optimised builds of our own targets (Debian's defaults: fortify, full RELRO).
function(atlas_hardening target)
  target_compile_definitions(${target} PRIVATE $<$<CONFIG:Release,RelWithDebInfo>:_FORTIFY_SOURCE=2>)
  target_link_options(${target} PRIVATE $<$<CONFIG:Release,RelWithDebInfo>:LINKER:-z,relro,-z,now>)
endfunction()

# One library per layer of the design (app/<name>: include/atlas/<name>/*.h, src/*.cpp), linked
# one way: each sees only its own headers and those of the libraries it links, so an include
# that goes up or sideways fails to build (tests/layering checks that it does).
function(atlas_layer_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LINKS" ${ARGN})
  # The public headers are listed too: AUTOMOC only scans headers that belong to the target,
  # and a library's Q_OBJECT classes are declared under include/, away from their sources.
  file(GLOB headers CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/include/atlas/${name}/*.h)
  add_library(atlas_${name} STATIC ${ARG_SOURCES} ${headers})
  add_library(atlas::${name} ALIAS atlas_${name})
  target_include_directories(atlas_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(atlas_${name} PUBLIC ${ARG_LINKS})
  target_compile_definitions(atlas_${name} PUBLIC KACHIN_ATLAS_VERSION="${PROJECT_VERSION}")
  atlas_warnings(atlas_${name})
  atlas_hardening(atlas_${name})
endfunction()
