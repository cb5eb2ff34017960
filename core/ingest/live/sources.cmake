# Live collection (issue 3): syslog listeners over UDP and TCP, followed files, the bounded
# queue and the storing thread.
target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/live_message.h
    ${CMAKE_CURRENT_LIST_DIR}/live_queue.h ${CMAKE_CURRENT_LIST_DIR}/live_queue.cpp
    ${CMAKE_CURRENT_LIST_DIR}/live_counters.h ${CMAKE_CURRENT_LIST_DIR}/live_counters.cpp
    ${CMAKE_CURRENT_LIST_DIR}/line_splitter.h ${CMAKE_CURRENT_LIST_DIR}/line_splitter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/stream_framer.h ${CMAKE_CURRENT_LIST_DIR}/stream_framer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/file_follower.h ${CMAKE_CURRENT_LIST_DIR}/file_follower.cpp
    ${CMAKE_CURRENT_LIST_DIR}/live_parser.h ${CMAKE_CURRENT_LIST_DIR}/live_parser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/live_source.h ${CMAKE_CURRENT_LIST_DIR}/live_source.cpp
    ${CMAKE_CURRENT_LIST_DIR}/udp_source.h ${CMAKE_CURRENT_LIST_DIR}/udp_source.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tcp_source.h ${CMAKE_CURRENT_LIST_DIR}/tcp_source.cpp
    ${CMAKE_CURRENT_LIST_DIR}/file_source.h ${CMAKE_CURRENT_LIST_DIR}/file_source.cpp
    ${CMAKE_CURRENT_LIST_DIR}/live_receiver.h ${CMAKE_CURRENT_LIST_DIR}/live_receiver.cpp
    ${CMAKE_CURRENT_LIST_DIR}/live_storer.h ${CMAKE_CURRENT_LIST_DIR}/live_storer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/live_session.h ${CMAKE_CURRENT_LIST_DIR}/live_session.cpp
)
