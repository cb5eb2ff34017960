# EVTX (Windows XML event log) reader and Windows XML export reader: our own, no libevtx.
target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/byte_view.h
    ${CMAKE_CURRENT_LIST_DIR}/crc32.h ${CMAKE_CURRENT_LIST_DIR}/crc32.cpp
    ${CMAKE_CURRENT_LIST_DIR}/binxml_tokens.h ${CMAKE_CURRENT_LIST_DIR}/name_pool.cpp
    ${CMAKE_CURRENT_LIST_DIR}/binxml_value.h ${CMAKE_CURRENT_LIST_DIR}/binxml_value.cpp
    ${CMAKE_CURRENT_LIST_DIR}/binxml_decoder.h ${CMAKE_CURRENT_LIST_DIR}/binxml_decoder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/binxml_template.cpp
    ${CMAKE_CURRENT_LIST_DIR}/evtx_chunk.h ${CMAKE_CURRENT_LIST_DIR}/evtx_chunk.cpp
    ${CMAKE_CURRENT_LIST_DIR}/evtx_reader.h ${CMAKE_CURRENT_LIST_DIR}/evtx_reader.cpp
    ${CMAKE_CURRENT_LIST_DIR}/token_text.h ${CMAKE_CURRENT_LIST_DIR}/token_text.cpp
    ${CMAKE_CURRENT_LIST_DIR}/record_flattener.h ${CMAKE_CURRENT_LIST_DIR}/record_flattener.cpp
    ${CMAKE_CURRENT_LIST_DIR}/xml_renderer.h ${CMAKE_CURRENT_LIST_DIR}/xml_renderer.cpp
)
target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/event_builder.h ${CMAKE_CURRENT_LIST_DIR}/event_builder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/winxml_reader.h ${CMAKE_CURRENT_LIST_DIR}/winxml_reader.cpp
    ${CMAKE_CURRENT_LIST_DIR}/evtx_scan.h ${CMAKE_CURRENT_LIST_DIR}/evtx_scan.cpp
)
