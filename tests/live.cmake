# Live collection: framing, the queue, listeners over loopback, followed files, CLI and UI.
vigil_add_test(tst_live_framing SOURCES core/tst_live_framing.cpp)
vigil_add_test(tst_listener SOURCES core/tst_listener.cpp core/tst_live_support.h)
vigil_add_test(tst_file_follow SOURCES core/tst_file_follow.cpp core/tst_live_support.h)
vigil_add_test(tst_cli_listen SOURCES core/tst_cli_listen.cpp)
add_dependencies(tst_cli_listen vigil-cli)
vigil_add_test(tst_ui_sources SOURCES ui/tst_ui_sources.cpp UI)
