<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>vigil::IncidentDetail</name>
    <message numerus="yes">
        <source>Incident #%1 · host %2 · %n alert(s) · first seen %3 · last seen %4 (UTC)</source>
        <translation>
            <numerusform>Incident #%1 · host %2 · %n alert · first seen %3 · last seen %4 (UTC)</numerusform>
            <numerusform>Incident #%1 · host %2 · %n alerts · first seen %3 · last seen %4 (UTC)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::JobResultDialog</name>
    <message numerus="yes">
        <source> — %n file(s) could not be read</source>
        <translation>
            <numerusform> — %n file could not be read</numerusform>
            <numerusform> — %n files could not be read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> — %n file(s) skipped as already imported</source>
        <translation>
            <numerusform> — %n file skipped as already imported</numerusform>
            <numerusform> — %n files skipped as already imported</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::MainWindow</name>
    <message numerus="yes">
        <source>%n path(s) cannot be read or are left out on purpose; the other files are imported.</source>
        <translation>
            <numerusform>%n path cannot be read or is left out on purpose; the other files are imported.</numerusform>
            <numerusform>%n paths cannot be read or are left out on purpose; the other files are imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n file(s)</source>
        <translation>
            <numerusform>Importing %n file</numerusform>
            <numerusform>Importing %n files</numerusform>
        </translation>
    </message>
</context>
</TS>
