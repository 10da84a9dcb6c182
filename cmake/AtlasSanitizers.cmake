# Build type "Asan": AddressSanitizer + UndefinedBehaviorSanitizer, used by `make test` in CI
# for the core and command-line tests (and, built with clang, for the fuzzers).
set(CMAKE_CXX_FLAGS_ASAN "-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
    CACHE STRING "C++ flags for the Asan build type")
set(CMAKE_EXE_LINKER_FLAGS_ASAN "-fsanitize=address,undefined" CACHE STRING "")
set(CMAKE_SHARED_LINKER_FLAGS_ASAN "-fsanitize=address,undefined" CACHE STRING "")
mark_as_advanced(CMAKE_CXX_FLAGS_ASAN CMAKE_EXE_LINKER_FLAGS_ASAN CMAKE_SHARED_LINKER_FLAGS_ASAN)

# libFuzzer targets (tests/fuzz). Every target of the build gets coverage instrumentation
# (fuzzer-no-link), so the fuzzers see the branches of the code under test; only the fuzz
# executables link libFuzzer's main (-fsanitize=fuzzer). Other executables of the same build
# (the Catch2 tests, the app) still link and run: the sanitizer runtime supplies the coverage
# callbacks. One clang build thus serves both the sanitizer tests and the fuzzers in CI.
option(ATLAS_FUZZ "Build the libFuzzer targets (clang only; use the asan or fuzz preset)" OFF)
if(ATLAS_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ATLAS_FUZZ needs clang (libFuzzer); configure with the asan or fuzz preset")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
