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
