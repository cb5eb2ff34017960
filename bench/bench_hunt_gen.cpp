// vigil-bench-hunt-gen: writes the hunt benchmark workload, N Windows events as JSON lines.
//
// usage: vigil-bench-hunt-gen [--events N] [--seed S] FILE
// The events come from bench/hunt_workload.h (Sysmon and Security mix with about 0.2% attack
// activity). The same N and seed give a byte-identical file. Prints the counts and the time.

#include <cstdio>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include "hunt_workload.h"

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    qint64 events = 1'000'000;
    quint64 seed = 1;
    QString path;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == u"--events" && i + 1 < args.size()) {
            events = args[++i].toLongLong();
        } else if (args[i] == u"--seed" && i + 1 < args.size()) {
            seed = args[++i].toULongLong();
        } else if (path.isEmpty() && !args[i].startsWith(u'-')) {
            path = args[i];
        } else {
            path.clear();
            break;
        }
    }
    if (path.isEmpty() || events <= 0) {
        std::fprintf(stderr, "usage: vigil-bench-hunt-gen [--events N] [--seed S] FILE\n");
        return 2;
    }
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "cannot write %s: %s\n", qPrintable(path),
                     qPrintable(out.errorString()));
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    vigil::bench::HuntWorkload workload(seed);
    QByteArray buffer;
    for (qint64 i = 0; i < events; ++i) {
        buffer += workload.next();
        buffer += '\n';
        if (buffer.size() > (1 << 20)) {
            out.write(buffer);
            buffer.clear();
        }
    }
    out.write(buffer);
    out.close();
    std::printf("wrote %lld events (%lld attack events) to %s: %.1f MB in %.1f s\n",
                static_cast<long long>(events), static_cast<long long>(workload.attackCount()),
                qPrintable(path), double(out.size()) / 1e6, double(timer.elapsed()) / 1000.0);
    return out.error() == QFile::NoError ? 0 : 1;
}
