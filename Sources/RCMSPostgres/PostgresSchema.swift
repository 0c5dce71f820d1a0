import RCMSCore

/// The PostgreSQL schema history, oldest first; the tables live in the deployment's schema.
///
/// Types: ids, sizes, sequences and instants are `BIGINT` (instants in microseconds since the
/// Unix epoch, UTC, exactly as in the SQLite backend, so both order and compare alike), civil
/// dates are `DATE`, flags are `BOOLEAN`. Every table starts with `tenant_id` and every
/// reference includes it, so a row can only point at rows of its own tenant.
enum PostgresSchema {
    static let migrations: [SQLMigration] = [
        SQLMigration(
            version: 1, name: "initial schema",
            sql: """
                CREATE TABLE configuration_versions (
                    tenant_id TEXT NOT NULL,
                    content_hash TEXT NOT NULL,
                    bundle BYTEA NOT NULL,
                    published_by TEXT NOT NULL,
                    published_at BIGINT NOT NULL,
                    PRIMARY KEY (tenant_id, content_hash)
                );

                CREATE TABLE cases (
                    tenant_id TEXT NOT NULL,
                    id BIGINT NOT NULL,
                    configuration_hash TEXT NOT NULL,
                    state TEXT NOT NULL,
                    version BIGINT NOT NULL,
                    voluntary_return BOOLEAN NOT NULL,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    closed_at BIGINT,
                    transferred_at BIGINT,
                    PRIMARY KEY (tenant_id, id),
                    FOREIGN KEY (tenant_id, configuration_hash)
                        REFERENCES configuration_versions (tenant_id, content_hash)
                );
                CREATE INDEX cases_by_creation ON cases (tenant_id, created_at, id);
                CREATE INDEX cases_by_state ON cases (tenant_id, state);

                CREATE TABLE persons (
                    tenant_id TEXT NOT NULL,
                    id BIGINT NOT NULL,
                    case_id BIGINT NOT NULL,
                    surname TEXT NOT NULL,
                    given_names TEXT NOT NULL,
                    transliterated_surname TEXT,
                    transliterated_given_names TEXT,
                    birth_year BIGINT,
                    birth_month BIGINT,
                    birth_day BIGINT,
                    birth_precision TEXT CHECK (birth_precision IN ('year', 'month', 'day')),
                    sex TEXT NOT NULL,
                    nationality_claimed TEXT,
                    PRIMARY KEY (tenant_id, id),
                    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
                );
                CREATE INDEX persons_by_case ON persons (tenant_id, case_id);

                CREATE TABLE person_search_keys (
                    tenant_id TEXT NOT NULL,
                    person_id BIGINT NOT NULL,
                    case_id BIGINT NOT NULL,
                    ordinal BIGINT NOT NULL,
                    search_key TEXT NOT NULL,
                    PRIMARY KEY (tenant_id, person_id, search_key),
                    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id) ON DELETE CASCADE
                );
                CREATE INDEX person_search_keys_by_case ON person_search_keys (tenant_id, case_id);

                CREATE TABLE documents (
                    tenant_id TEXT NOT NULL,
                    id BIGINT NOT NULL,
                    case_id BIGINT NOT NULL,
                    document_type_id TEXT NOT NULL,
                    PRIMARY KEY (tenant_id, id),
                    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
                );
                CREATE INDEX documents_by_case ON documents (tenant_id, case_id);

                CREATE TABLE document_fields (
                    tenant_id TEXT NOT NULL,
                    document_id BIGINT NOT NULL,
                    field_id TEXT NOT NULL,
                    value TEXT NOT NULL,
                    shared BOOLEAN NOT NULL,
                    PRIMARY KEY (tenant_id, document_id, field_id),
                    FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id) ON DELETE CASCADE
                );

                CREATE TABLE attachments (
                    tenant_id TEXT NOT NULL,
                    id BIGINT NOT NULL,
                    case_id BIGINT NOT NULL,
                    document_id BIGINT NOT NULL,
                    original_name TEXT NOT NULL,
                    media_type TEXT NOT NULL,
                    size BIGINT NOT NULL CHECK (size >= 0),
                    digest TEXT NOT NULL,
                    biometric BOOLEAN NOT NULL,
                    stored_at BIGINT NOT NULL,
                    PRIMARY KEY (tenant_id, id),
                    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id),
                    FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id)
                );
                CREATE INDEX attachments_by_case ON attachments (tenant_id, case_id);

                CREATE TABLE messages (
                    tenant_id TEXT NOT NULL,
                    id BIGINT NOT NULL,
                    case_id BIGINT NOT NULL,
                    sender_party TEXT NOT NULL,
                    body TEXT NOT NULL,
                    sent_at BIGINT NOT NULL,
                    PRIMARY KEY (tenant_id, id),
                    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
                );
                CREATE INDEX messages_by_case ON messages (tenant_id, case_id, sent_at);
                CREATE INDEX messages_by_time ON messages (tenant_id, sent_at);

                CREATE TABLE deadlines (
                    tenant_id TEXT NOT NULL,
                    id BIGINT NOT NULL,
                    case_id BIGINT NOT NULL,
                    transition_id TEXT NOT NULL,
                    party TEXT NOT NULL,
                    due_date DATE NOT NULL,
                    unit TEXT NOT NULL CHECK (unit IN ('calendar_days', 'working_days')),
                    status TEXT NOT NULL CHECK (status IN ('open', 'met', 'expired', 'extended')),
                    expiry_action_done BOOLEAN NOT NULL,
                    PRIMARY KEY (tenant_id, id),
                    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
                );
                CREATE INDEX deadlines_by_case ON deadlines (tenant_id, case_id);
                CREATE INDEX deadlines_by_due_date ON deadlines (tenant_id, status, due_date);

                CREATE TABLE safeguard_attestations (
                    tenant_id TEXT NOT NULL,
                    case_id BIGINT NOT NULL,
                    safeguard_id TEXT NOT NULL,
                    attested_by BIGINT NOT NULL,
                    evidence_reference TEXT NOT NULL,
                    attested_at BIGINT NOT NULL,
                    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
                );
                CREATE INDEX safeguard_attestations_by_case ON safeguard_attestations (tenant_id, case_id);

                CREATE TABLE holds (
                    tenant_id TEXT NOT NULL,
                    id BIGINT NOT NULL,
                    case_id BIGINT NOT NULL,
                    placed_by BIGINT NOT NULL,
                    reason TEXT NOT NULL,
                    placed_at BIGINT NOT NULL,
                    lifted_by BIGINT,
                    lift_reason TEXT,
                    lifted_at BIGINT,
                    PRIMARY KEY (tenant_id, id),
                    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
                );
                CREATE INDEX holds_by_case ON holds (tenant_id, case_id);

                CREATE TABLE users (
                    tenant_id TEXT NOT NULL,
                    id BIGINT NOT NULL,
                    party TEXT NOT NULL,
                    role_ids TEXT NOT NULL,
                    login_name TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    PRIMARY KEY (tenant_id, id),
                    UNIQUE (tenant_id, login_name)
                );

                CREATE TABLE tokens (
                    tenant_id TEXT NOT NULL,
                    token_hash TEXT NOT NULL,
                    user_id BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    PRIMARY KEY (tenant_id, token_hash),
                    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
                );

                CREATE TABLE audit_entries (
                    tenant_id TEXT NOT NULL,
                    sequence BIGINT NOT NULL CHECK (sequence > 0),
                    at BIGINT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    object_ids TEXT NOT NULL,
                    field_names TEXT NOT NULL,
                    digests TEXT NOT NULL,
                    previous_hash TEXT NOT NULL,
                    entry_hash TEXT NOT NULL,
                    PRIMARY KEY (tenant_id, sequence)
                );
                CREATE INDEX audit_entries_by_time ON audit_entries (tenant_id, at);

                -- The last sequence and hash of each tenant's chain; appends lock this row.
                CREATE TABLE audit_heads (
                    tenant_id TEXT PRIMARY KEY,
                    last_sequence BIGINT NOT NULL,
                    last_hash TEXT NOT NULL
                );

                -- The audit trail is append-only: the application never changes or removes an
                -- entry, and this trigger refuses it if a bug or a hand-written statement tries.
                -- A superuser can still bypass it (session_replication_role = replica); the
                -- hash chain is what detects such tampering.
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit entries are append-only' USING ERRCODE = '23000';
                END
                $$;
                CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
                    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                """),
        SQLMigration(
            version: 2, name: "deadline terms, interviews and further particulars",
            sql: """
                ALTER TABLE deadlines ADD COLUMN started_at BIGINT NOT NULL DEFAULT 0;
                ALTER TABLE deadlines ADD COLUMN amount BIGINT NOT NULL DEFAULT 0;
                ALTER TABLE deadlines ADD COLUMN extended_by BIGINT NOT NULL DEFAULT 0;

                CREATE TABLE interviews (
                    tenant_id TEXT NOT NULL,
                    id BIGINT NOT NULL,
                    case_id BIGINT NOT NULL,
                    scheduled_at BIGINT NOT NULL,
                    place TEXT NOT NULL,
                    interpreter_language TEXT NOT NULL,
                    scheduled_by BIGINT NOT NULL,
                    PRIMARY KEY (tenant_id, id),
                    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
                );
                CREATE INDEX interviews_by_case ON interviews (tenant_id, case_id, scheduled_at);

                CREATE TABLE person_particulars (
                    tenant_id TEXT NOT NULL,
                    person_id BIGINT NOT NULL,
                    field_id TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (tenant_id, person_id, field_id),
                    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
                );
                """),
        SQLMigration(
            version: 3, name: "travel document series and issued travel documents",
            sql: """
                CREATE TABLE document_series (
                    tenant_id TEXT NOT NULL,
                    series TEXT NOT NULL,
                    last_value BIGINT NOT NULL CHECK (last_value >= 0),
                    PRIMARY KEY (tenant_id, series)
                );

                CREATE TABLE travel_documents (
                    tenant_id TEXT NOT NULL,
                    id BIGINT NOT NULL,
                    case_id BIGINT NOT NULL,
                    number TEXT NOT NULL,
                    template_id TEXT NOT NULL,
                    issued_by TEXT NOT NULL CHECK (issued_by IN ('requesting', 'requested')),
                    valid_from DATE NOT NULL,
                    valid_until DATE,
                    status TEXT NOT NULL CHECK (status IN ('valid', 'cancelled', 'superseded')),
                    status_reason TEXT,
                    payload TEXT NOT NULL,
                    key_id TEXT NOT NULL,
                    issued_at BIGINT NOT NULL,
                    status_changed_at BIGINT,
                    PRIMARY KEY (tenant_id, id),
                    UNIQUE (tenant_id, number),
                    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
                );
                CREATE INDEX travel_documents_by_case ON travel_documents (tenant_id, case_id);
                """),
        SQLMigration(
            version: 4, name: "exact search key lookup",
            sql: """
                -- Duplicate detection looks persons up by exact folded key.
                CREATE INDEX person_search_keys_by_key ON person_search_keys (tenant_id, search_key);
                """),
        SQLMigration(
            version: 5, name: "duplicate lookup from the key index alone",
            sql: """
                -- Both key indexes carry what their queries read, so neither reads the key rows:
                -- duplicate detection goes from a key to its case and person, name search tests
                -- the keys of one case. The case index must stay the better match for name
                -- search, or the planner scans the key index of the whole tenant per case.
                CREATE INDEX person_search_keys_by_key_case
                    ON person_search_keys (tenant_id, search_key, case_id, person_id);
                DROP INDEX person_search_keys_by_key;
                CREATE INDEX person_search_keys_by_case_key
                    ON person_search_keys (tenant_id, case_id, search_key, person_id);
                DROP INDEX person_search_keys_by_case;
                """),
        SQLMigration(
            version: 6, name: "name search grams",
            sql: """
                -- Each person's search keys cut into runs of three characters. A substring
                -- query reads the cases holding its rarest run instead of every key.
                CREATE TABLE person_search_grams (
                    tenant_id TEXT NOT NULL,
                    gram TEXT NOT NULL,
                    case_id BIGINT NOT NULL,
                    person_id BIGINT NOT NULL,
                    PRIMARY KEY (tenant_id, gram, case_id, person_id)
                );
                WITH RECURSIVE positions (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM positions WHERE i < 300)
                INSERT INTO person_search_grams (tenant_id, gram, case_id, person_id)
                SELECT k.tenant_id, substr(k.search_key, p.i, 3), k.case_id, k.person_id
                FROM person_search_keys k JOIN positions p ON 1 = 1
                WHERE p.i <= length(k.search_key) - 2
                ON CONFLICT DO NOTHING;
                """),
        SQLMigration(
            version: 7, name: "overdue deadlines from the indexes alone",
            sql: """
                -- Both deadline indexes carry what the overdue filter reads: the case index
                -- answers "has this case an overdue deadline", the due-date index lists the
                -- cases with one. Each must stay covering, or SQLite prefers the other.
                CREATE INDEX deadlines_by_case_status ON deadlines (tenant_id, case_id, status, due_date);
                DROP INDEX deadlines_by_case;
                CREATE INDEX deadlines_by_due_date_case ON deadlines (tenant_id, status, due_date, case_id);
                DROP INDEX deadlines_by_due_date;
                """),
    ]
}
