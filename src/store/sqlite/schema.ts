/**
 * The embedded store's schema. The customer document is stored whole (JSON) so that it, its workloads' history and
 * its Overall Status Notes change in one row write (R6); `engagements` is an index of its active ESDs and `in_flight`
 * of its workloads in flight, both rewritten in the same transaction, so listings, the sweep and the load use B-tree
 * indexes instead of scanning documents.
 * `PRAGMA user_version` numbers the migrations: each runs once, in order, and an applied one is never edited (a data
 * file from an earlier build is brought up to date by the ones after it).
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE customers (
    tenant_id TEXT PRIMARY KEY,
    name_key  TEXT NOT NULL,
    version   INTEGER NOT NULL,
    doc       TEXT NOT NULL
  ) STRICT;
  CREATE INDEX customers_by_name ON customers (name_key);

  CREATE TABLE engagements (
    tenant_id   TEXT NOT NULL REFERENCES customers (tenant_id) ON DELETE CASCADE,
    workload    TEXT NOT NULL,
    esd         TEXT NOT NULL,
    state       TEXT NOT NULL,
    assignee_id TEXT,
    remind_on   TEXT,
    row         TEXT NOT NULL,
    PRIMARY KEY (tenant_id, workload)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX engagements_by_date ON engagements (esd, tenant_id, workload);
  CREATE INDEX engagements_by_assignee ON engagements (assignee_id, esd, tenant_id, workload);
  CREATE INDEX engagements_by_remind_on ON engagements (remind_on, tenant_id, workload) WHERE remind_on IS NOT NULL;

  CREATE TABLE people (
    aad_object_id TEXT PRIMARY KEY,
    role          TEXT,
    version       INTEGER NOT NULL,
    doc           TEXT NOT NULL
  ) STRICT;

  CREATE TABLE reminders (
    id        TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    workload  TEXT NOT NULL,
    version   INTEGER NOT NULL,
    doc       TEXT NOT NULL
  ) STRICT;
  CREATE INDEX reminders_by_workload ON reminders (tenant_id, workload);

  CREATE TABLE leases (
    name       TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    expires_at TEXT NOT NULL
  ) STRICT;
  `,
  // 2: the table holds every card sent (reminders, welcome cards, cards shown by commands), not only reminders.
  `
  ALTER TABLE reminders RENAME TO sent_cards;
  DROP INDEX reminders_by_workload;
  CREATE INDEX sent_cards_by_workload ON sent_cards (tenant_id, workload);
  `,
  // 3: the workloads in flight (started, not completed) of FM-assigned customers, with or without an ESD (R2: entered
  // as already under way), so the load's inFlight (P2) is counted from an index of exactly those rows. Rewritten with
  // its customer like `engagements`; filled here from the documents already stored (the rule of rules.isInFlight).
  `
  CREATE TABLE in_flight (
    tenant_id   TEXT NOT NULL REFERENCES customers (tenant_id) ON DELETE CASCADE,
    workload    TEXT NOT NULL,
    assignee_id TEXT NOT NULL,
    PRIMARY KEY (tenant_id, workload)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX in_flight_by_assignee ON in_flight (assignee_id);
  INSERT INTO in_flight (tenant_id, workload, assignee_id)
    SELECT c.tenant_id, json_extract(w.value, '$.workload'), json_extract(c.doc, '$.assignee.aadObjectId')
    FROM customers AS c, json_each(c.doc, '$.workloads') AS w
    WHERE json_extract(c.doc, '$.assignee.type') = 'fm' AND json_extract(w.value, '$.state') = 'started';
  `,
  // 4: the Gateway queue (P1): one row per customer with neither an FM nor a partner, keyed by its first ESD (the
  // earliest active ESD still expected to start; '~', after every date, when it has none: queue-entries.ts
  // NO_ESD_KEY), rewritten with its customer. Filled here from the stored documents and their `engagements` rows.
  `
  CREATE TABLE queue (
    tenant_id TEXT PRIMARY KEY REFERENCES customers (tenant_id) ON DELETE CASCADE,
    queue_key TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX queue_by_key ON queue (queue_key, tenant_id);
  INSERT INTO queue (tenant_id, queue_key)
    SELECT c.tenant_id, COALESCE((SELECT MIN(e.esd) FROM engagements AS e
      WHERE e.tenant_id = c.tenant_id AND e.state IN ('scheduled', 'awaitingCustomer')), '~')
    FROM customers AS c
    WHERE json_type(c.doc, '$.assignee') IS NULL OR json_type(c.doc, '$.assignee') = 'null';
  `,
  // 5: the sent cards listed by due day and status (GET /api/reminders): both as columns, written with the record,
  // each with an index ordered like the listing (due day, then id). Filled here from the records already stored.
  `
  ALTER TABLE sent_cards ADD COLUMN due_on TEXT NOT NULL DEFAULT '';
  ALTER TABLE sent_cards ADD COLUMN status TEXT NOT NULL DEFAULT '';
  UPDATE sent_cards SET due_on = json_extract(doc, '$.dueOn'), status = json_extract(doc, '$.status');
  CREATE INDEX sent_cards_by_due_on ON sent_cards (due_on, id);
  CREATE INDEX sent_cards_by_status ON sent_cards (status, due_on, id);
  `,
  // 6: the load (P2) as counts per ISO week (its Monday), FM, state and precision of the `engagements` rows of
  // FM-assigned customers, kept by triggers on that table (so in the transaction of every customer write), so a
  // report reads FMs x weeks rows whatever the number of workloads. Filled here from the rows already indexed.
  `
  CREATE TABLE load_counts (
    week        TEXT NOT NULL,
    assignee_id TEXT NOT NULL,
    state       TEXT NOT NULL,
    precision   TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (week, assignee_id, state, precision)
  ) STRICT, WITHOUT ROWID;
  CREATE TRIGGER load_counts_insert AFTER INSERT ON engagements WHEN NEW.assignee_id IS NOT NULL BEGIN
    INSERT INTO load_counts (week, assignee_id, state, precision, n)
      VALUES (date(NEW.esd, 'weekday 0', '-6 days'), NEW.assignee_id, NEW.state,
        COALESCE(json_extract(NEW.row, '$.datePrecision'), 'day'), 1)
      ON CONFLICT (week, assignee_id, state, precision) DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER load_counts_delete AFTER DELETE ON engagements WHEN OLD.assignee_id IS NOT NULL BEGIN
    UPDATE load_counts SET n = n - 1
      WHERE week = date(OLD.esd, 'weekday 0', '-6 days') AND assignee_id = OLD.assignee_id AND state = OLD.state
        AND precision = COALESCE(json_extract(OLD.row, '$.datePrecision'), 'day');
    DELETE FROM load_counts WHERE week = date(OLD.esd, 'weekday 0', '-6 days') AND assignee_id = OLD.assignee_id
      AND n <= 0;
  END;
  CREATE TRIGGER load_counts_update AFTER UPDATE ON engagements BEGIN
    UPDATE load_counts SET n = n - 1
      WHERE OLD.assignee_id IS NOT NULL AND week = date(OLD.esd, 'weekday 0', '-6 days')
        AND assignee_id = OLD.assignee_id AND state = OLD.state
        AND precision = COALESCE(json_extract(OLD.row, '$.datePrecision'), 'day');
    DELETE FROM load_counts WHERE OLD.assignee_id IS NOT NULL AND week = date(OLD.esd, 'weekday 0', '-6 days')
      AND assignee_id = OLD.assignee_id AND n <= 0;
    INSERT INTO load_counts (week, assignee_id, state, precision, n)
      SELECT date(NEW.esd, 'weekday 0', '-6 days'), NEW.assignee_id, NEW.state,
        COALESCE(json_extract(NEW.row, '$.datePrecision'), 'day'), 1
      WHERE NEW.assignee_id IS NOT NULL
      ON CONFLICT (week, assignee_id, state, precision) DO UPDATE SET n = n + 1;
  END;
  INSERT INTO load_counts (week, assignee_id, state, precision, n)
    SELECT date(esd, 'weekday 0', '-6 days'), assignee_id, state, COALESCE(json_extract(row, '$.datePrecision'), 'day'),
      COUNT(*)
    FROM engagements WHERE assignee_id IS NOT NULL GROUP BY 1, 2, 3, 4;
  `,
  // 7: the load's inFlight (P2) as one count per FM, kept by triggers on `in_flight`, so the report reads one row per
  // FM instead of every workload in flight. Filled here from the rows already indexed.
  `
  CREATE TABLE in_flight_counts (
    assignee_id TEXT PRIMARY KEY,
    n           INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE TRIGGER in_flight_counts_insert AFTER INSERT ON in_flight BEGIN
    INSERT INTO in_flight_counts (assignee_id, n) VALUES (NEW.assignee_id, 1)
      ON CONFLICT (assignee_id) DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER in_flight_counts_delete AFTER DELETE ON in_flight BEGIN
    UPDATE in_flight_counts SET n = n - 1 WHERE assignee_id = OLD.assignee_id;
    DELETE FROM in_flight_counts WHERE assignee_id = OLD.assignee_id AND n <= 0;
  END;
  CREATE TRIGGER in_flight_counts_update AFTER UPDATE ON in_flight BEGIN
    UPDATE in_flight_counts SET n = n - 1 WHERE assignee_id = OLD.assignee_id;
    DELETE FROM in_flight_counts WHERE assignee_id = OLD.assignee_id AND n <= 0;
    INSERT INTO in_flight_counts (assignee_id, n) VALUES (NEW.assignee_id, 1)
      ON CONFLICT (assignee_id) DO UPDATE SET n = n + 1;
  END;
  INSERT INTO in_flight_counts (assignee_id, n) SELECT assignee_id, COUNT(*) FROM in_flight GROUP BY assignee_id;
  `,
];
