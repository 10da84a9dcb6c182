# Runs leak_probe in one mode and checks both LeakSanitizer's verdict and its exit status:
#   cmake -DPROBE=… -DMODE=none|dataset|feature -DFILE=… -DEXPECT=<text or empty> -P leak_probe_check.cmake
# ASAN_OPTIONS (exitcode=66) and LSAN_OPTIONS (the suppressions) come from the asan test preset.
# The slow unwinder: GDAL is built without frame pointers, and the report must reach the GDAL
# call our code made to show that nothing between it and malloc was suppressed.
execute_process(COMMAND ${CMAKE_COMMAND} -E env "ASAN_OPTIONS=$ENV{ASAN_OPTIONS}:fast_unwind_on_malloc=0"
                        "${PROBE}" "${MODE}" "${FILE}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(EXPECT STREQUAL "")
  if(NOT status EQUAL 0 OR err MATCHES "LeakSanitizer")
    message(FATAL_ERROR "leak_probe ${MODE}: expected a clean exit, got status ${status}:\n${err}")
  endif()
else()
  if(NOT status EQUAL 66)
    message(FATAL_ERROR "leak_probe ${MODE}: expected LeakSanitizer's status 66, got ${status}:\n${err}")
  endif()
  # The report must reach both the GDAL code that allocated and the probe's call into it.
  if(NOT err MATCHES "detected memory leaks" OR NOT err MATCHES "${EXPECT}" OR NOT err MATCHES "openAndDrop")
    message(FATAL_ERROR "leak_probe ${MODE}: the leak report does not name ${EXPECT} and openAndDrop:\n${err}")
  endif()
  message(STATUS "leak_probe ${MODE}: reported, status 66")
endif()
