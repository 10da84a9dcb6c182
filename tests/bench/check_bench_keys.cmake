# ctest helper: runs a bench executable on a small file and fails unless it prints every key
# (a number each). Defaults: kachin-atlas-bench's arguments and keys.
#   cmake -DBENCH=… -DFILE=… [-DARGS=a,b,…] [-DKEYS=k1,k2,…] -P check_bench_keys.cmake
if(NOT DEFINED ARGS)
  set(ARGS --runs,1,--size,320x200)
endif()
if(NOT DEFINED KEYS)
  set(KEYS load_ms,full_frame_ms,zoom_frame_ms,step_frame_ms,step_zoom_frame_ms,identify_ms,peak_rss_mb)
endif()
string(REPLACE "," ";" ARGS "${ARGS}")
string(REPLACE "," ";" KEYS "${KEYS}")
execute_process(COMMAND "${BENCH}" "${FILE}" ${ARGS}
                OUTPUT_VARIABLE out RESULT_VARIABLE status)
message("${out}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${BENCH} exited with ${status}")
endif()
foreach(key ${KEYS})
  if(NOT out MATCHES "(^|\n)${key} [0-9.]+\n")
    message(FATAL_ERROR "${BENCH} did not print ${key}")
  endif()
endforeach()
