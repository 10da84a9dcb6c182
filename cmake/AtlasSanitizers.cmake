# Build type "Asan": AddressSanitizer + UndefinedBehaviorSanitizer, used by `make test` in CI
# for the core and command-line tests (and, built with clang, for the fuzzers).
# Plain variables, not cache entries: project() already creates empty CMAKE_<LANG>_FLAGS_<TYPE>
# cache entries for a custom CMAKE_BUILD_TYPE, so a set(... CACHE) here would be ignored and the
# "Asan" build would quietly run without any sanitizer.
set(CMAKE_CXX_FLAGS_ASAN "-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined")
set(CMAKE_EXE_LINKER_FLAGS_ASAN "-fsanitize=address,undefined")
set(CMAKE_SHARED_LINKER_FLAGS_ASAN "-fsanitize=address,undefined")

# Build type "Tsan": ThreadSanitizer, for the code that runs on several threads (the load
# workers, the renderer's bands, the window's render job and background tasks).
set(CMAKE_CXX_FLAGS_TSAN "-O1 -g -fno-omit-frame-pointer -fsanitize=thread")
set(CMAKE_EXE_LINKER_FLAGS_TSAN "-fsanitize=thread")
set(CMAKE_SHARED_LINKER_FLAGS_TSAN "-fsanitize=thread")

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
