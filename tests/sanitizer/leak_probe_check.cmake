# Runs leak_probe in one mode and checks both LeakSanitizer's verdict and its exit status:
#   cmake -DPROBE=… -DMODE=none|dataset|feature -DFILE=… -DEXPECT=<text or empty> -P leak_probe_check.cmake
# ASAN_OPTIONS (exitcode=66) and LSAN_OPTIONS (the suppressions) come from the asan test preset.
execute_process(COMMAND "${PROBE}" "${MODE}" "${FILE}" RESULT_VARIABLE status
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(EXPECT STREQUAL "")
  if(NOT status EQUAL 0 OR err MATCHES "LeakSanitizer")
    message(FATAL_ERROR "leak_probe ${MODE}: expected a clean exit, got status ${status}:\n${err}")
  endif()
else()
  if(NOT status EQUAL 66)
    message(FATAL_ERROR "leak_probe ${MODE}: expected LeakSanitizer's status 66, got ${status}:\n${err}")
  endif()
  if(NOT err MATCHES "detected memory leaks" OR NOT err MATCHES "${EXPECT}")
    message(FATAL_ERROR "leak_probe ${MODE}: the leak report does not name ${EXPECT}:\n${err}")
  endif()
  message(STATUS "leak_probe ${MODE}: reported, status 66")
endif()
