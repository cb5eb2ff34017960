#include "storage/schema.h"

#include "storage/database.h"

namespace vigil {

namespace {

// Each entry upgrades the schema by one version. Never edit a released migration: add one.
constexpr const char16_t* kMigrations[] = {
    // 1: the walking skeleton's store.
    uR"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE import_runs (
    id            INTEGER PRIMARY KEY,
    started_ns    INTEGER NOT NULL,
    finished_ns   INTEGER,
    source        TEXT NOT NULL,
    format        TEXT,
    status        TEXT NOT NULL,
    records_read  INTEGER NOT NULL DEFAULT 0,
    events_stored INTEGER NOT NULL DEFAULT 0,
    rejected      INTEGER NOT NULL DEFAULT 0,
    message       TEXT
);
CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    time_ns          INTEGER NOT NULL,
    time_digits      INTEGER NOT NULL,
    time_source      INTEGER NOT NULL,
    received_ns      INTEGER NOT NULL,
    host             TEXT,
    source           TEXT NOT NULL,
    source_pos       INTEGER NOT NULL,
    source_is_record INTEGER NOT NULL,
    format           TEXT NOT NULL,
    severity         INTEGER,
    summary          TEXT NOT NULL,
    fields           TEXT NOT NULL,
    raw              TEXT NOT NULL,
    import_id        INTEGER REFERENCES import_runs(id)
);
CREATE INDEX events_by_time ON events(time_ns, id);
CREATE TABLE rejects (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER REFERENCES import_runs(id),
    source      TEXT NOT NULL,
    line        INTEGER NOT NULL,
    byte_offset INTEGER NOT NULL,
    format      TEXT,
    reason      TEXT NOT NULL,
    raw         BLOB NOT NULL,
    received_ns INTEGER NOT NULL
);
CREATE TABLE rules (
    uid        TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    level      TEXT NOT NULL,
    status     TEXT,
    path       TEXT,
    yaml       TEXT NOT NULL,
    enabled    INTEGER NOT NULL DEFAULT 1,
    added_ns   INTEGER NOT NULL,
    updated_ns INTEGER NOT NULL
);
CREATE TABLE rule_load_issues (
    id       INTEGER PRIMARY KEY,
    file     TEXT NOT NULL,
    line     INTEGER NOT NULL,
    col      INTEGER NOT NULL,
    rule_id  TEXT,
    title    TEXT,
    message  TEXT NOT NULL,
    unsupported INTEGER NOT NULL,
    seen_ns  INTEGER NOT NULL
);
CREATE TABLE incidents (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    rule_uid      TEXT,
    host          TEXT,
    status        TEXT NOT NULL,
    held_from     TEXT,
    severity      INTEGER NOT NULL,
    priority      TEXT,
    disposition   TEXT,
    resolution    TEXT,
    lessons       TEXT,
    first_seen_ns INTEGER NOT NULL,
    last_seen_ns  INTEGER NOT NULL,
    alert_count   INTEGER NOT NULL DEFAULT 0,
    created_ns    INTEGER NOT NULL,
    updated_ns    INTEGER NOT NULL,
    closed_ns     INTEGER
);
CREATE INDEX incidents_open_by_rule_host ON incidents(rule_uid, host, status);
CREATE TABLE alerts (
    id          INTEGER PRIMARY KEY,
    rule_uid    TEXT NOT NULL,
    rule_title  TEXT NOT NULL,
    level       INTEGER NOT NULL,
    event_id    INTEGER NOT NULL REFERENCES events(id),
    time_ns     INTEGER NOT NULL,
    time_digits INTEGER NOT NULL,
    host        TEXT,
    created_ns  INTEGER NOT NULL,
    status      TEXT NOT NULL DEFAULT 'new',
    incident_id INTEGER REFERENCES incidents(id),
    UNIQUE (rule_uid, event_id)
);
CREATE INDEX alerts_by_incident ON alerts(incident_id, time_ns);
CREATE TABLE incident_events (
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    event_id    INTEGER NOT NULL REFERENCES events(id),
    added_ns    INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    PRIMARY KEY (incident_id, event_id)
) WITHOUT ROWID;
CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    author      TEXT NOT NULL,
    created_ns  INTEGER NOT NULL,
    body        TEXT NOT NULL
);
CREATE INDEX notes_by_incident ON notes(incident_id, created_ns);
CREATE TABLE journal (
    seq          INTEGER PRIMARY KEY,
    written_ns   INTEGER NOT NULL,
    effective_ns INTEGER NOT NULL,
    actor        TEXT NOT NULL,
    object_type  TEXT NOT NULL,
    object_id    INTEGER NOT NULL,
    action       TEXT NOT NULL,
    details      TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX journal_by_object ON journal(object_type, object_id, seq);
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
)sql",
    // 2: remember what each import read, so the same file is not imported twice by accident.
    uR"sql(
ALTER TABLE import_runs ADD COLUMN content_sha256 TEXT;
CREATE INDEX import_runs_by_content ON import_runs(content_sha256, status);
)sql",
    // 3: what the engine says about each rule (log source not collected, unknown terms).
    uR"sql(
ALTER TABLE rules ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE rules ADD COLUMN can_match INTEGER NOT NULL DEFAULT 1;
)sql",
    // 4: the normalised fields every format shares (Event::common), as a flat JSON object.
    uR"sql(
ALTER TABLE events ADD COLUMN common TEXT NOT NULL DEFAULT '{}';
)sql",
    // 5: correlation alerts: every event that made one (the alert's own event_id is the event
    // that completed the condition), and what was counted (type, group, count) as JSON.
    uR"sql(
CREATE TABLE alert_events (
    alert_id INTEGER NOT NULL REFERENCES alerts(id),
    event_id INTEGER NOT NULL REFERENCES events(id),
    PRIMARY KEY (alert_id, event_id)
) WITHOUT ROWID;
CREATE INDEX alert_events_by_event ON alert_events(event_id);
ALTER TABLE alerts ADD COLUMN correlation TEXT;
)sql",
    // 6: prioritisation: the asset and identity inventory, and each incident's priority with
    // the parts it was computed from (JSON with the formula version) and its due time.
    uR"sql(
CREATE TABLE assets (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL COLLATE NOCASE,
    criticality TEXT NOT NULL,
    owner       TEXT NOT NULL DEFAULT '',
    tags        TEXT NOT NULL DEFAULT '',
    updated_ns  INTEGER NOT NULL,
    UNIQUE (kind, name)
);
ALTER TABLE incidents ADD COLUMN priority_score INTEGER;
ALTER TABLE incidents ADD COLUMN priority_parts TEXT;
ALTER TABLE incidents ADD COLUMN due_ns INTEGER;
)sql",
    // 7: investigation: observables per incident with TLP/PAP markings and the events that hold
    // them, and the evidence register (files copied into "<store>-evidence" with their SHA-256).
    uR"sql(
CREATE TABLE observables (
    id            INTEGER PRIMARY KEY,
    incident_id   INTEGER NOT NULL REFERENCES incidents(id),
    type          TEXT NOT NULL,
    value         TEXT NOT NULL,
    value_key     TEXT NOT NULL,
    tlp           TEXT NOT NULL,
    pap           TEXT NOT NULL,
    first_field   TEXT NOT NULL,
    first_seen_ns INTEGER NOT NULL,
    last_seen_ns  INTEGER NOT NULL,
    added_ns      INTEGER NOT NULL,
    UNIQUE (incident_id, type, value_key)
);
CREATE TABLE observable_events (
    observable_id INTEGER NOT NULL REFERENCES observables(id),
    event_id      INTEGER NOT NULL REFERENCES events(id),
    PRIMARY KEY (observable_id, event_id)
) WITHOUT ROWID;
CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    name        TEXT NOT NULL,
    stored_name TEXT NOT NULL UNIQUE,
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    added_by    TEXT NOT NULL,
    added_ns    INTEGER NOT NULL,
    source_path TEXT NOT NULL
);
CREATE INDEX evidence_by_incident ON evidence(incident_id, added_ns);
)sql",
    // 8: queue experience: who an incident is assigned to and when it was acknowledged (both
    // also journalled), notes that annotate one timeline item (an event, alert or journal entry),
    // and saved queue views (a name and its filter as JSON).
    uR"sql(
ALTER TABLE incidents ADD COLUMN assignee TEXT;
ALTER TABLE incidents ADD COLUMN acknowledged_ns INTEGER;
ALTER TABLE incidents ADD COLUMN acknowledged_by TEXT;
ALTER TABLE notes ADD COLUMN ref_type TEXT;
ALTER TABLE notes ADD COLUMN ref_id INTEGER;
CREATE TABLE queue_views (
    name       TEXT PRIMARY KEY COLLATE NOCASE,
    filter     TEXT NOT NULL,
    updated_ns INTEGER NOT NULL
);
)sql",
    // 9: response: tasks per incident, from a playbook (its id) or added by an analyst, by
    // phase, with status, owner, notes and when they were done (every change also journalled).
    uR"sql(
CREATE TABLE tasks (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    playbook_id TEXT,
    phase       TEXT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'open',
    owner       TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    done_ns     INTEGER,
    created_ns  INTEGER NOT NULL,
    updated_ns  INTEGER NOT NULL
);
CREATE INDEX tasks_by_incident ON tasks(incident_id, id);
)sql",
    // 10: incident detection: each alert's own status (who set it, when) and the suppression
    // that hid it; each incident's grouping key and value (rule plus host, user, source address
    // or a chosen field) and the incident it was merged into; per-rule grouping settings;
    // suppressions (rule, field values, expiry).
    uR"sql(
ALTER TABLE alerts ADD COLUMN status_by TEXT;
ALTER TABLE alerts ADD COLUMN status_ns INTEGER;
ALTER TABLE alerts ADD COLUMN suppression_id INTEGER;
CREATE INDEX alerts_by_status ON alerts(status, time_ns);
CREATE INDEX alerts_by_rule ON alerts(rule_uid, time_ns);
ALTER TABLE incidents ADD COLUMN group_key TEXT NOT NULL DEFAULT 'host';
ALTER TABLE incidents ADD COLUMN group_value TEXT;
UPDATE incidents SET group_value = host;
ALTER TABLE incidents ADD COLUMN merged_into INTEGER;
CREATE INDEX incidents_open_by_group ON incidents(rule_uid, group_key, group_value, status);
CREATE TABLE rule_grouping (
    rule_uid   TEXT PRIMARY KEY,
    key        TEXT NOT NULL,
    window_ns  INTEGER NOT NULL,
    updated_ns INTEGER NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE TABLE suppressions (
    id            INTEGER PRIMARY KEY,
    rule_uid      TEXT NOT NULL,
    fields        TEXT NOT NULL,
    expires_ns    INTEGER NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    preview_count INTEGER NOT NULL DEFAULT 0,
    created_ns    INTEGER NOT NULL,
    created_by    TEXT NOT NULL
);
CREATE INDEX suppressions_by_rule ON suppressions(rule_uid, expires_ns);
)sql",
    // 11: a suppression ended before its expiry keeps the expiry it had, and records when, by
    // whom and why it was ended.
    uR"sql(
ALTER TABLE suppressions ADD COLUMN ended_ns INTEGER;
ALTER TABLE suppressions ADD COLUMN ended_by TEXT;
ALTER TABLE suppressions ADD COLUMN end_reason TEXT;
)sql",
};

constexpr int kMigrationCount = int(sizeof kMigrations / sizeof kMigrations[0]);

} // namespace

int currentSchemaVersion()
{
    return kMigrationCount;
}

Result<int> schemaVersion(Database& db)
{
    auto stmt = db.prepare(u"PRAGMA user_version");
    if (!stmt) {
        return stmt.error();
    }
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    return int(stmt->int64(0));
}

Result<void> migrate(Database& db)
{
    auto version = schemaVersion(db);
    if (!version) {
        return version.error();
    }
    if (*version < 0) {
        Error e = makeError(ErrorCode::Schema,
                            QStringLiteral("not a Vigil database (schema version %1)").arg(*version));
        e.file = db.path();
        return e;
    }
    if (*version > kMigrationCount) {
        Error e = makeError(ErrorCode::Schema,
                            QStringLiteral("the database has schema version %1; this build of Vigil "
                                           "knows up to %2 — use a newer Vigil")
                                .arg(*version)
                                .arg(kMigrationCount));
        e.file = db.path();
        return e;
    }
    if (*version == 0) {
        // A fresh Vigil database is empty; refuse to add our tables to someone else's database.
        auto tables = db.prepare(u"SELECT count(*) FROM sqlite_master");
        if (!tables) {
            return tables.error();
        }
        auto row = tables->step();
        if (!row) {
            return row.error();
        }
        if (tables->int64(0) > 0) {
            Error e = makeError(ErrorCode::Schema,
                                QStringLiteral("this SQLite file holds tables but no Vigil schema; "
                                               "it is not a Vigil database and was left untouched"));
            e.file = db.path();
            return e;
        }
    }
    for (int v = *version; v < kMigrationCount; ++v) {
        Transaction tx(db);
        if (!tx.begun()) {
            return tx.begun().error();
        }
        if (auto r = db.exec(QStringView(kMigrations[v])); !r) {
            Error e = r.error();
            e.message = QStringLiteral("migration to schema version %1 failed: ").arg(v + 1)
                + e.message;
            return e;
        }
        if (auto r = db.exec(QStringLiteral("PRAGMA user_version = %1").arg(v + 1)); !r) {
            return r.error();
        }
        if (auto r = tx.commit(); !r) {
            return r.error();
        }
    }
    return {};
}

} // namespace vigil
