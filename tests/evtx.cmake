# EVTX and Windows XML export readers (core/ingest/evtx).
vigil_add_test(tst_evtx_binxml SOURCES core/tst_evtx_binxml.cpp core/tst_evtx_builder.h)
vigil_add_test(tst_evtx_damage SOURCES core/tst_evtx_damage.cpp core/tst_evtx_builder.h)
vigil_add_test(tst_evtx_corpus SOURCES core/tst_evtx_corpus.cpp core/tst_evtx_builder.h)
vigil_add_test(tst_evtx_winxml SOURCES core/tst_evtx_winxml.cpp)
vigil_add_test(tst_evtx_import SOURCES core/tst_evtx_import.cpp core/tst_evtx_builder.h)

# libFuzzer target over the EVTX and XML export readers. Needs clang:
#   CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DVIGIL_FUZZ=ON
#   cmake --build build-fuzz --target fuzz_evtx && build-fuzz/tests/fuzz_evtx -max_len=70000 DIR
option(VIGIL_FUZZ "Build fuzz_evtx (libFuzzer, ASan, UBSan; clang only)" OFF)
if(VIGIL_FUZZ)
    set(_evtx ${PROJECT_SOURCE_DIR}/core/ingest/evtx)
    add_executable(fuzz_evtx fuzz/fuzz_evtx.cpp
        ${_evtx}/crc32.cpp ${_evtx}/name_pool.cpp ${_evtx}/binxml_value.cpp
        ${_evtx}/binxml_decoder.cpp ${_evtx}/binxml_template.cpp ${_evtx}/evtx_chunk.cpp
        ${_evtx}/evtx_reader.cpp ${_evtx}/token_text.cpp ${_evtx}/record_flattener.cpp
        ${_evtx}/xml_renderer.cpp ${_evtx}/winxml_reader.cpp
        ${PROJECT_SOURCE_DIR}/core/util/timestamp.cpp
        ${PROJECT_SOURCE_DIR}/core/model/field_value.cpp
        ${PROJECT_SOURCE_DIR}/core/model/event.cpp)
    target_include_directories(fuzz_evtx PRIVATE ${PROJECT_SOURCE_DIR}/core)
    target_link_libraries(fuzz_evtx PRIVATE vigil_options Qt6::Core)
    set(_sanitizers -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined)
    target_compile_options(fuzz_evtx PRIVATE ${_sanitizers})
    target_link_options(fuzz_evtx PRIVATE ${_sanitizers})
endif()
