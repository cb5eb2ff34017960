// The negative side of conformance. Every regression sample is a positive for its own rule, so an
// engine that matches too much would still pass tst_sigma_conformance. Here the whole SigmaHQ tree
// (rules/ and rules-emerging-threats/) runs over every regression sample: each hit of a rule on
// another rule's sample must be a genuine overlap listed below with its reason (two rules on the
// same behaviour, each hit read and checked against the rule text), or it is a bug. And a rule
// fires only on events of its log source: a process_creation rule never on a registry event.
#include <QMap>
#include <QSet>
#include <QTest>

#include "sigma/rule.h"
#include "sigma/rule_set.h"
#include "sigma_regression_corpus.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

struct Overlap {
    QString sample; ///< the rule (file name without .yml) whose regression sample it is
    QString rule;   ///< the other rule that fires on it
    QString reason;
};

// Reviewed one by one (December 2026, SigmaHQ tree of the shared corpus).
const Overlap kOverlaps[] = {
    {u"file_event_win_hktl_netexec_file_indicators"_s,
     u"file_event_win_cred_dump_tools_dropped_files"_s,
     u"NetExec unpacks procdump.exe, a credential-dump tool file name"_s},
    {u"file_event_win_susp_legitimate_app_dropping_exe"_s,
     u"file_event_win_susp_legitimate_app_dropping_in_uncommon_location"_s,
     u"the same LOLBin file write, seen by the location rule"_s},
    {u"file_event_win_susp_legitimate_app_dropping_in_uncommon_location"_s,
     u"file_event_win_shell_write_susp_directory"_s,
     u"a shell/LOLBin writing into C:\\Users\\Public"_s},
    {u"file_event_win_susp_legitimate_app_dropping_in_uncommon_location"_s,
     u"file_event_win_susp_legitimate_app_dropping_exe"_s,
     u"certutil writing an .exe: the executable-drop sibling"_s},
    {u"file_event_win_susp_legitimate_app_dropping_in_uncommon_location"_s,
     u"file_event_win_susp_public_folder_extension"_s, u"an .exe written to C:\\Users\\Public"_s},
    {u"file_event_win_susp_legitimate_app_dropping_script"_s,
     u"file_event_win_susp_legitimate_app_dropping_in_uncommon_location"_s,
     u"the same LOLBin file write, seen by the location rule"_s},
    {u"file_event_win_susp_public_folder_extension"_s,
     u"file_event_win_shell_write_susp_directory"_s,
     u"a shell/LOLBin writing into C:\\Users\\Public"_s},
    {u"file_event_win_taskmgr_lsass_dump"_s, u"file_event_win_lsass_default_dump_file_names"_s,
     u"Task Manager writes lsass.DMP: the default dump name"_s},
    {u"proc_creation_win_bitsadmin_download_file_sharing_domains"_s,
     u"proc_creation_win_bitsadmin_download"_s,
     u"every bitsadmin /transfer is a download (generic sibling)"_s},
    {u"proc_creation_win_bitsadmin_download_file_sharing_domains"_s,
     u"proc_creation_win_bitsadmin_download_susp_extensions"_s, u"the target is a .dll"_s},
    {u"proc_creation_win_bitsadmin_download_file_sharing_domains"_s,
     u"proc_creation_win_bitsadmin_download_susp_targetfolder"_s,
     u"the target is under C:\\Users\\Public"_s},
    {u"proc_creation_win_bitsadmin_download_susp_targetfolder"_s,
     u"proc_creation_win_bitsadmin_download"_s,
     u"every bitsadmin /transfer is a download (generic sibling)"_s},
    {u"proc_creation_win_bitsadmin_download_susp_targetfolder"_s,
     u"proc_creation_win_bitsadmin_download_file_sharing_domains"_s,
     u"the URL is on github.com, a file-sharing domain"_s},
    {u"proc_creation_win_bitsadmin_download_susp_targetfolder"_s,
     u"proc_creation_win_bitsadmin_download_susp_extensions"_s, u"the target is a .dll"_s},
    {u"proc_creation_win_browsers_chromium_headless_file_download"_s,
     u"proc_creation_win_browsers_chromium_headless_exec"_s, u"--headless in the command line"_s},
    {u"proc_creation_win_browsers_chromium_headless_file_download"_s,
     u"proc_creation_win_browsers_inline_file_download"_s,
     u"a browser given an inline URL to a file"_s},
    {u"proc_creation_win_browsers_chromium_load_extension"_s,
     u"proc_creation_win_browsers_chromium_susp_load_extension"_s,
     u"--load-extension from a Temp folder"_s},
    {u"proc_creation_win_browsers_chromium_mockbin_abuse"_s,
     u"proc_creation_win_browsers_chromium_headless_exec"_s, u"--headless in the command line"_s},
    {u"proc_creation_win_browsers_chromium_susp_load_extension"_s,
     u"proc_creation_win_browsers_chromium_load_extension"_s,
     u"--load-extension (generic sibling)"_s},
    {u"proc_creation_win_certutil_download"_s,
     u"proc_creation_win_certutil_download_file_sharing_domains"_s,
     u"certutil -urlcache from raw.githubusercontent.com"_s},
    {u"proc_creation_win_certutil_download_direct_ip"_s, u"proc_creation_win_certutil_download"_s,
     u"certutil -urlcache -f (generic download sibling)"_s},
    {u"proc_creation_win_certutil_download_file_sharing_domains"_s,
     u"proc_creation_win_certutil_download"_s,
     u"certutil -urlcache -f (generic download sibling)"_s},
    {u"proc_creation_win_certutil_encode"_s, u"proc_creation_win_certutil_encode_susp_extensions"_s,
     u"certutil -encode of a .bat/.xml file"_s},
    {u"proc_creation_win_certutil_encode_susp_extensions"_s, u"proc_creation_win_certutil_encode"_s,
     u"certutil -encode (generic sibling)"_s},
    {u"proc_creation_win_certutil_encode_susp_location"_s, u"proc_creation_win_certutil_encode"_s,
     u"certutil -encode (generic sibling)"_s},
    {u"proc_creation_win_certutil_encode_susp_location"_s,
     u"proc_creation_win_certutil_encode_susp_extensions"_s,
     u"certutil -encode of a .bat/.xml file"_s},
    {u"proc_creation_win_cmdkey_recon"_s,
     u"proc_creation_win_susp_local_system_owner_account_discovery"_s,
     u"cmdkey /list is account discovery"_s},
    {u"proc_creation_win_curl_download_direct_ip_exec"_s, u"proc_creation_win_curl_susp_download"_s,
     u"curl with a .txt/.dll target or an AppData path"_s},
    {u"proc_creation_win_curl_download_direct_ip_exec"_s,
     u"proc_creation_win_susp_web_request_cmd_and_cmdlets"_s,
     u"any curl invocation is a web request command"_s},
    {u"proc_creation_win_curl_download_direct_ip_susp_extensions"_s,
     u"proc_creation_win_susp_web_request_cmd_and_cmdlets"_s,
     u"any curl invocation is a web request command"_s},
    {u"proc_creation_win_curl_download_susp_file_sharing_domains"_s,
     u"proc_creation_win_hktl_winpwn"_s, u"the downloaded file is WinPwn.ps1"_s},
    {u"proc_creation_win_curl_download_susp_file_sharing_domains"_s,
     u"proc_creation_win_susp_web_request_cmd_and_cmdlets"_s,
     u"any curl invocation is a web request command"_s},
    {u"proc_creation_win_curl_insecure_proxy_or_doh"_s,
     u"proc_creation_win_susp_web_request_cmd_and_cmdlets"_s,
     u"any curl invocation is a web request command"_s},
    {u"proc_creation_win_curl_local_file_read"_s, u"proc_creation_win_curl_susp_download"_s,
     u"curl with a .txt/.dll target or an AppData path"_s},
    {u"proc_creation_win_curl_local_file_read"_s,
     u"proc_creation_win_susp_web_request_cmd_and_cmdlets"_s,
     u"any curl invocation is a web request command"_s},
    {u"proc_creation_win_curl_ntlm_hash_leak_attempt"_s,
     u"proc_creation_win_susp_web_request_cmd_and_cmdlets"_s,
     u"any curl invocation is a web request command"_s},
    {u"proc_creation_win_curl_susp_download"_s,
     u"proc_creation_win_curl_download_susp_file_sharing_domains"_s, u"the URL is on github.com"_s},
    {u"proc_creation_win_curl_susp_download"_s, u"proc_creation_win_curl_insecure_connection"_s,
     u"curl -k (insecure TLS)"_s},
    {u"proc_creation_win_curl_susp_download"_s,
     u"proc_creation_win_susp_web_request_cmd_and_cmdlets"_s,
     u"any curl invocation is a web request command"_s},
    {u"proc_creation_win_findstr_security_keyword_lookup"_s,
     u"proc_creation_win_findstr_recon_pipe_output"_s, u"tasklist piped to findstr"_s},
    {u"proc_creation_win_hktl_netexec"_s, u"proc_creation_win_susp_weak_or_abused_passwords"_s,
     u"the command line carries password123"_s},
    {u"proc_creation_win_mal_shai_hulud_indicator"_s,
     u"proc_creation_win_github_self_hosted_runner"_s,
     u"the worm registers a GitHub self-hosted runner"_s},
    {u"proc_creation_win_mal_shai_hulud_malicious_npm_package_installation"_s,
     u"proc_creation_win_security_susp_node_js_execution"_s, u"node.exe running a .js file"_s},
    {u"proc_creation_win_node_new_agent_skills_installed"_s,
     u"proc_creation_win_security_susp_node_js_execution"_s, u"node.exe running a .js file"_s},
    {u"proc_creation_win_powershell_base64_invoke"_s, u"proc_creation_win_powershell_encode"_s,
     u"powershell -e with a Base64 command"_s},
    {u"proc_creation_win_powershell_base64_invoke"_s,
     u"proc_creation_win_powershell_non_interactive_execution"_s,
     u"powershell started by cmd.exe, not interactively"_s},
    {u"proc_creation_win_powershell_base64_invoke"_s,
     u"proc_creation_win_powershell_set_policies_to_unsecure_level"_s, u"-exec bypass"_s},
    {u"proc_creation_win_powershell_base64_invoke"_s,
     u"proc_creation_win_powershell_susp_parameter_variation"_s, u"the abbreviated -e parameter"_s},
    {u"proc_creation_win_pua_adfind_enumeration"_s, u"proc_creation_win_pua_adfind_execution"_s,
     u"AdFind.exe runs (generic sibling)"_s},
    {u"proc_creation_win_pua_adfind_execution"_s, u"proc_creation_win_pua_adfind_susp_usage"_s,
     u"AdFind with an objectcategory=person query"_s},
    {u"proc_creation_win_pua_adfind_susp_usage"_s, u"proc_creation_win_pua_adfind_execution"_s,
     u"AdFind.exe runs (generic sibling)"_s},
    {u"proc_creation_win_pua_advancedrun_priv_user"_s, u"proc_creation_win_pua_advancedrun"_s,
     u"AdvancedRun.exe runs (generic sibling)"_s},
    {u"proc_creation_win_python_base64_encoded_execution"_s,
     u"proc_creation_win_python_inline_command_execution"_s, u"python -c inline code"_s},
    {u"proc_creation_win_python_base64_encoded_execution"_s,
     u"proc_creation_win_susp_appx_execution"_s,
     u"parent in WindowsApps and \"base64\" in the command line"_s},
    {u"proc_creation_win_reg_add_run_key"_s,
     u"proc_creation_win_reg_direct_asep_registry_keys_modification"_s, u"reg add to a Run key"_s},
    {u"proc_creation_win_registry_special_accounts_hide_user"_s,
     u"proc_creation_win_reg_susp_paths"_s, u"reg add under Winlogon"_s},
    {u"proc_creation_win_renamed_adfind"_s, u"proc_creation_win_pua_adfind_execution"_s,
     u"AdFind.exe runs (generic sibling)"_s},
    {u"proc_creation_win_sc_stop_service"_s, u"proc_creation_win_susp_service_tamper"_s,
     u"sc stop of the firewall service (mpssvc)"_s},
    {u"proc_creation_win_sftp_proxy_command_execution"_s,
     u"proc_creation_win_ssh_proxy_execution"_s, u"ProxyCommand runs a program"_s},
    {u"proc_creation_win_susp_eventlog_content_recon"_s,
     u"proc_creation_win_powershell_non_interactive_execution"_s,
     u"powershell started by cmd.exe, not interactively"_s},
    {u"proc_creation_win_svchost_masqueraded_execution"_s,
     u"proc_creation_win_susp_system_exe_anomaly"_s, u"svchost.exe outside System32"_s},
    {u"proc_creation_win_svchost_masqueraded_execution"_s,
     u"proc_creation_win_svchost_execution_with_no_cli_flags"_s, u"svchost.exe without -k"_s},
    {u"proc_creation_win_svchost_masqueraded_execution"_s,
     u"proc_creation_win_svchost_uncommon_command_line_flags"_s, u"svchost.exe without -k"_s},
    {u"proc_creation_win_svchost_masqueraded_execution"_s,
     u"proc_creation_win_svchost_uncommon_parent_process"_s, u"svchost.exe started by cmd.exe"_s},
    {u"proc_creation_win_user_shell_folders_registry_modification"_s,
     u"proc_creation_win_calc_uncommon_exec"_s, u"the command line contains \"\\calc.exe \""_s},
    {u"proc_creation_win_wmic_recon_unquoted_service_search"_s,
     u"proc_creation_win_wmic_recon_service"_s, u"wmic service get"_s},
    {u"proc_creation_win_wmic_remote_execution"_s, u"proc_creation_win_wmic_process_creation"_s,
     u"wmic process call create"_s},
    {u"proc_creation_win_wmic_susp_process_creation"_s,
     u"proc_creation_win_wmic_process_creation"_s, u"wmic process call create"_s},
    {u"proc_creation_win_wmic_uninstall_security_products"_s,
     u"proc_creation_win_wmic_uninstall_application"_s, u"wmic product ... call uninstall"_s},
    {u"registry_set_add_port_monitor"_s,
     u"registry_set_asep_reg_keys_modification_currentcontrolset"_s,
     u"Print\\Monitors is an autorun key"_s},
    {u"registry_set_persistence_logon_scripts_userinitmprlogonscript"_s,
     u"registry_set_asep_reg_keys_modification_common"_s,
     u"UserInitMprLogonScript is an autorun value"_s},
    {u"registry_set_persistence_logon_scripts_userinitmprlogonscript"_s,
     u"registry_set_suspicious_env_variables"_s, u"an environment variable pointing into Temp"_s},
    {u"registry_set_pua_sysinternals_execution_via_eula"_s,
     u"registry_set_pua_sysinternals_susp_execution_via_eula"_s,
     u"the EulaAccepted value of a Sysinternals tool"_s},
    {u"registry_set_pua_sysinternals_susp_execution_via_eula"_s,
     u"registry_set_pua_sysinternals_execution_via_eula"_s,
     u"the EulaAccepted value (generic sibling)"_s},
};

QString baseName(const QString& path) {
    QString name = path.section(u'/', -1);
    name.chop(4); // ".yml"
    return name;
}

// Sysmon event IDs of each Sigma category (docs/evtx.md, Sysmon's schema).
const QMap<QString, QList<qint64>>& sysmonIds() {
    static const QMap<QString, QList<qint64>> ids = {
        {u"process_creation"_s, {1}},
        {u"file_change"_s, {2}},
        {u"network_connection"_s, {3}},
        {u"process_termination"_s, {5}},
        {u"driver_load"_s, {6}},
        {u"image_load"_s, {7}},
        {u"create_remote_thread"_s, {8}},
        {u"raw_access_thread"_s, {9}},
        {u"process_access"_s, {10}},
        {u"file_event"_s, {11}},
        {u"registry_add"_s, {12}},
        {u"registry_delete"_s, {12}},
        {u"registry_set"_s, {13}},
        {u"registry_rename"_s, {14}},
        {u"registry_event"_s, {12, 13, 14}},
        {u"create_stream_hash"_s, {15}},
        {u"pipe_created"_s, {17, 18}},
        {u"wmi_event"_s, {19, 20, 21}},
        {u"dns_query"_s, {22}},
        {u"file_delete"_s, {23, 26}},
    };
    return ids;
}

} // namespace

class TestSigmaCrossHits : public QObject {
    Q_OBJECT
private slots:
    void onlyListedOverlaps() const;
};

void TestSigmaCrossHits::onlyListedOverlaps() const {
    const QString root = regression::corpus() + u"/sigma-regression"_s;
    const std::vector<regression::Case> cases = regression::readIndex(root);
    if (cases.empty()) {
        QSKIP(qPrintable(u"no SigmaHQ regression corpus at "_s + root));
    }
    sigma::RuleSet set;
    set.addPath(regression::corpus() + u"/sigma-rules/rules"_s);
    set.addPath(regression::corpus() + u"/sigma-rules/rules-emerging-threats"_s);
    QVERIFY(set.rules().size() > 3000);

    QMap<QPair<QString, QString>, QString> expected;
    for (const Overlap& o : kOverlaps) {
        expected.insert({o.sample, o.rule}, o.reason);
    }
    QSet<QPair<QString, QString>> seen;
    QStringList unexplained;
    QStringList wrongSource;
    int checkedSources = 0;
    const QString sysmon = u"Microsoft-Windows-Sysmon/Operational"_s;
    std::vector<const sigma::Rule*> hits;
    for (const regression::Case& c : cases) {
        QString error;
        const std::vector<Event> events = regression::readSample(c.samplePath, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString sample = baseName(c.rulePath);
        for (const Event& e : events) {
            hits.clear();
            set.match(e, hits);
            for (const sigma::Rule* rule : hits) {
                const QString category = rule->meta().category;
                if (e.fields.text(u"Channel") == sysmon && sysmonIds().contains(category)) {
                    ++checkedSources;
                    const qint64 id = e.fields.text(u"EventID").toLongLong();
                    if (!sysmonIds()[category].contains(id)) {
                        wrongSource << u"%1 (%2) fired on Sysmon event %3 in %4"_s.arg(
                            baseName(rule->path()), category, QString::number(id), sample);
                    }
                }
                if (rule->meta().id == c.ruleId) {
                    continue;
                }
                const QPair<QString, QString> key{sample, baseName(rule->path())};
                if (!seen.contains(key) && !expected.contains(key)) {
                    unexplained << u"%1 fires on the sample of %2: %3"_s.arg(key.second, key.first,
                                                                             e.summary);
                }
                seen.insert(key);
            }
        }
    }
    QStringList vanished;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        if (!seen.contains(it.key())) {
            vanished << u"%1 no longer fires on the sample of %2 (%3)"_s.arg(
                it.key().second, it.key().first, it.value());
        }
    }
    qInfo("%d cross-hits, all listed; %d hits checked against their log source", int(seen.size()),
          checkedSources);
    QVERIFY2(unexplained.isEmpty(), qPrintable(unexplained.join(u'\n')));
    QVERIFY2(vanished.isEmpty(), qPrintable(vanished.join(u'\n')));
    QVERIFY2(wrongSource.isEmpty(), qPrintable(wrongSource.join(u'\n')));
    QVERIFY(checkedSources > int(cases.size()));
}

QTEST_APPLESS_MAIN(TestSigmaCrossHits)
#include "tst_sigma_crosshits.moc"
