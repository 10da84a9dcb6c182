# Warnings for our own targets only (third-party headers are system includes).
function(atlas_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
                                             -Wpedantic -Wno-unused-parameter)
  endif()
endfunction()
