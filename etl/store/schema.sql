-- Layered tables: reports → sections → figures → observations; checks per report; indicators from the catalogue.
-- No PRIMARY KEY on child tables: DuckDB has raised false duplicate-key errors when a key is deleted and
-- re-inserted in one transaction, and uniqueness is guaranteed by the loader (one report_id per load).
CREATE TABLE IF NOT EXISTS reports (
    report_id VARCHAR PRIMARY KEY,      -- sha256 of the normalised text, first 16 hex digits
    region_name VARCHAR,
    admin_level VARCHAR,                -- province | city | district | county | town | department
    report_year INTEGER,
    year_span VARCHAR,                  -- "2016-2020" for multi-year reports, else NULL
    title VARCHAR,
    date_published DATE,
    source_url VARCHAR,
    source_file VARCHAR,
    source_format VARCHAR,
    is_excerpt BOOLEAN NOT NULL,
    char_count INTEGER NOT NULL,
    figure_count INTEGER NOT NULL,
    observation_count INTEGER NOT NULL,
    failed_check_count INTEGER NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    parser_version VARCHAR NOT NULL,
    report_text VARCHAR NOT NULL,       -- normalised text; figure offsets index it
    -- Added in parser 1.1 (files built before get it by etl.store.connection.migrate, with its default).
    document_kind VARCHAR DEFAULT 'rule_of_law_report'  -- rule_of_law_report | a related document's kind
);
CREATE TABLE IF NOT EXISTS sections (
    report_id VARCHAR NOT NULL,
    section_num INTEGER NOT NULL,
    parent_num INTEGER,
    level INTEGER NOT NULL,
    heading VARCHAR NOT NULL,
    section_path VARCHAR NOT NULL,      -- "二、… > (一)…"
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS figures (
    report_id VARCHAR NOT NULL,
    figure_num INTEGER NOT NULL,
    section_num INTEGER,
    section_path VARCHAR,
    value DOUBLE NOT NULL,
    unit VARCHAR NOT NULL,
    qualifier VARCHAR,
    is_unit_inferred BOOLEAN NOT NULL,
    text VARCHAR NOT NULL,              -- as written, e.g. "78万余件"
    sentence VARCHAR NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    indicator_id VARCHAR,
    value_low DOUBLE,                   -- low end of a range ("3—5个月": 3); value is the high end
    change_of VARCHAR,                  -- indicator whose change it states (同比增长12%); indicator_id is NULL then
    -- Added for curation (etl.store.connection.migrate gives older files these with their defaults).
    assignment_status VARCHAR DEFAULT 'automatic',  -- automatic | needs_review | confirmed | corrected | rejected
    automatic_indicator_id VARCHAR,     -- what the ETL assigned, before any correction
    automatic_status VARCHAR DEFAULT 'automatic',
    review_reason VARCHAR,              -- why the ETL marked it needs_review (etl/extract/doubts.py), else NULL
    breakdown_of VARCHAR,               -- the total's indicator this figure is a part of (其中…), else NULL
    breakdown_label VARCHAR,            -- that part as the report names it (涉及公安类)
    assignment_rule VARCHAR             -- why the ETL gave it its indicator (pattern, label, act, scope), else NULL
);
CREATE TABLE IF NOT EXISTS indicators (
    indicator_id VARCHAR PRIMARY KEY,
    name_zh VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    unit VARCHAR NOT NULL,
    short_unit VARCHAR,
    domain VARCHAR NOT NULL,
    description VARCHAR,
    higher_is_better BOOLEAN,
    is_headline BOOLEAN NOT NULL,
    display_order INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS observations (
    report_id VARCHAR NOT NULL,
    indicator_id VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    unit VARCHAR NOT NULL,
    qualifier VARCHAR,
    figure_num INTEGER NOT NULL,        -- the figure the value came from (etl/extract/observations.py)
    sentence VARCHAR NOT NULL,
    assignment_status VARCHAR DEFAULT 'automatic'  -- its figure's status
);
CREATE TABLE IF NOT EXISTS checks (
    report_id VARCHAR NOT NULL,
    check_num INTEGER NOT NULL,
    rule VARCHAR NOT NULL,              -- rate_matches_counts | accepted_le_applications | ...
    indicator_id VARCHAR,
    is_ok BOOLEAN NOT NULL,
    detail VARCHAR NOT NULL,
    params VARCHAR DEFAULT '{}'         -- JSON: the values the rule compared (etl/extract/checks.py)
);
CREATE TABLE IF NOT EXISTS load_events (
    loaded_at TIMESTAMP NOT NULL,
    source_file VARCHAR NOT NULL,
    report_id VARCHAR,
    action VARCHAR NOT NULL,            -- loaded | unchanged | replaced | refused | rejected | corrected | unmatched
    detail VARCHAR NOT NULL
);
-- Manual overrides, matched to a figure of the report of that region and year by its text and a piece of its
-- sentence (context); indicator_id NULL = the figure is no indicator. Re-applied after every load.
CREATE TABLE IF NOT EXISTS corrections (
    region_name VARCHAR NOT NULL,
    report_year INTEGER NOT NULL,
    figure_text VARCHAR NOT NULL,
    context VARCHAR NOT NULL,
    indicator_id VARCHAR,
    note VARCHAR,
    corrected_by VARCHAR NOT NULL,
    corrected_at TIMESTAMP NOT NULL
);
