# ctest helper: runs kachin-atlas-bench on a small file and fails unless it prints every key.
#   cmake -DBENCH=… -DFILE=… -P check_bench_keys.cmake
execute_process(COMMAND "${BENCH}" "${FILE}" --runs 1 --size 320x200
                OUTPUT_VARIABLE out RESULT_VARIABLE status)
message("${out}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "kachin-atlas-bench exited with ${status}")
endif()
foreach(key load_ms full_frame_ms zoom_frame_ms step_frame_ms step_zoom_frame_ms identify_ms peak_rss_mb)
  if(NOT out MATCHES "(^|\n)${key} [0-9.]+\n")
    message(FATAL_ERROR "kachin-atlas-bench did not print ${key}")
  endif()
endforeach()
