#pragma once

#include <QStringList>

namespace vigil::cli {

/** Each command gets the arguments after its name and returns the process exit code. */
int runIngest(const QStringList& args);
int runHunt(const QStringList& args);
int runIncidents(const QStringList& args);
int runRules(const QStringList& args);
int runParse(const QStringList& args);
int runFormats(const QStringList& args);
int runVerify(const QStringList& args);
int runMetrics(const QStringList& args);
int runListen(const QStringList& args);
int runReport(const QStringList& args);
int runAssets(const QStringList& args);
int runSla(const QStringList& args);
int runAlerts(const QStringList& args);
int runSuppress(const QStringList& args);
/** "rules grouping ..." (cmd_rules_grouping.cpp). */
int runRulesGrouping(const QStringList& args);
/** Whether "incidents" was asked to merge or split (cmd_incidents_merge.cpp). */
bool isIncidentMergeCommand(const QStringList& args);
int runIncidentMerge(const QStringList& args);
int runTasks(const QStringList& args);
int runPlaybooks(const QStringList& args);
/** The incident queue with filters and saved views; the queue's actions (cmd_queue.cpp). */
int runQueue(const QStringList& args);
int runTriage(const QStringList& args);

} // namespace vigil::cli
