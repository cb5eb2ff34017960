# vigil-bench-evtx: records/s of the EVTX reader over the shared corpus (or files given).
qt_add_executable(vigil-bench-evtx bench_evtx.cpp)
target_link_libraries(vigil-bench-evtx PRIVATE vigil_core vigil_options)
target_compile_definitions(vigil-bench-evtx PRIVATE
    VIGIL_SHARED_CORPUS="${PROJECT_SOURCE_DIR}/../shared/corpus")
