#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTranslator>

#include "app_context.h"
#include "main_window.h"
#include "report/report_export.h"
#include "storage/store.h"
#include "triage/rule_catalog.h"

using namespace vigil;

namespace {

void installTranslators(QApplication& app)
{
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(qt);
    }
    // English first (it only holds plural forms), then the user's language on top of it.
    auto* english = new QTranslator(&app);
    if (english->load(QStringLiteral(":/i18n/vigil_en.qm"))) {
        QApplication::installTranslator(english);
    }
    auto* own = new QTranslator(&app);
    if (own->load(QLocale(), QStringLiteral("vigil"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        && !own->filePath().endsWith(QStringLiteral("vigil_en.qm"))) {
        QApplication::installTranslator(own);
    }
}

} // namespace

int main(int argc, char* argv[])
{
    // A report needs fonts but no screen, and --help or --version only print: let them run
    // where there is no display.
    for (int i = 1; i < argc; ++i) {
        const bool headless = qstrcmp(argv[i], "--report") == 0 || qstrcmp(argv[i], "--help") == 0
            || qstrcmp(argv[i], "-h") == 0 || qstrcmp(argv[i], "--version") == 0
            || qstrcmp(argv[i], "-v") == 0;
        if (headless && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("vigil"));
    QApplication::setOrganizationName(QStringLiteral("vigil"));
    QApplication::setApplicationDisplayName(QStringLiteral("Vigil"));
    QApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));
    QApplication::setStyle(QStringLiteral("Fusion"));
    installTranslators(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Vigil: security incident and event management."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dbOption(QStringLiteral("db"),
                                QApplication::translate("main", "Open the store in FILE (created when missing)."),
                                QStringLiteral("FILE"), Store::defaultPath());
    parser.addOption(dbOption);
    QCommandLineOption reportOption(
        QStringLiteral("report"),
        QApplication::translate("main", "Write the report of incident N to the --out file "
                                        "(.pdf, .html or .md) and exit, without a window."),
        QStringLiteral("N"));
    QCommandLineOption outOption(QStringLiteral("out"),
                                 QApplication::translate("main", "The report file --report writes."),
                                 QStringLiteral("FILE"));
    parser.addOption(reportOption);
    parser.addOption(outOption);
    parser.process(app);
    const QString path = parser.value(dbOption);
    if (parser.isSet(reportOption)) {
        return runReportCommand(path, parser.value(reportOption), parser.value(outOption));
    }
    if (!parser.isSet(dbOption)) {
        QDir().mkpath(QFileInfo(path).absolutePath()); // the app's own data folder
    }

    auto writer = Store::openWriter(path);
    if (!writer) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Cannot open the store"),
                              QApplication::translate("main", "Vigil could not open its store:\n%1")
                                  .arg(writer.error().toString()));
        return 2;
    }
    if (auto seeded = RuleCatalog::seedStarterRules(*writer); !seeded) {
        qWarning("starter rules not added: %s", qPrintable(seeded.error().toString()));
    }
    auto reader = Store::openReader(path);
    if (!reader) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Cannot open the store"),
                              reader.error().toString());
        return 2;
    }
    AppContext context(path, std::move(*reader), std::move(*writer));
    MainWindow window(context);
    window.show();
    window.verifyJournal();
    return app.exec();
}
